package io.mooring.search.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The OpenSearch client: Apache HttpClient 5 transport, documents as JSON through Jackson with
 * {@code java.time} values as ISO-8601 strings; HTTP basic credentials sent with every request
 * over https, the server certificate verified (host name included) against the configured CA or
 * the JDK's. Creating it does not touch the network.
 */
@Factory
class OpenSearchClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    OpenSearchTransport transport(OpenSearchSettings settings) {
        settings.check();
        URI url = settings.getUrl();
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(settings.getConnectTimeout()))
                .setSocketTimeout(Timeout.of(settings.getResponseTimeout()))
                .build();
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder
                .builder(new HttpHost(url.getScheme(), url.getHost(), port))
                .setMapper(new JacksonJsonpMapper(documentMapper()))
                .setConnectionConfigCallback(config -> config
                        .setConnectTimeout(connection.getConnectTimeout())
                        .setSocketTimeout(connection.getSocketTimeout()))
                .setRequestConfigCallback(config -> config.setResponseTimeout(Timeout.of(settings.getResponseTimeout())));
        if (url.getPath() != null && !url.getPath().isEmpty() && !"/".equals(url.getPath())) {
            builder.setPathPrefix(url.getPath());
        }
        if (settings.hasCredentials()) {
            // preemptive: a proxy in front of OpenSearch may refuse without asking for credentials
            builder.setDefaultHeaders(new Header[] {basicAuthorization(settings)});
        }
        if (settings.hasCaFile()) {
            var tls = ClientTlsStrategyBuilder.create().setSslContext(TrustedCa.sslContext(settings.getCaFile())).build();
            // the same pool limits and timeouts the transport builder sets on its own connection manager
            builder.setHttpClientConfigCallback(client -> client.setConnectionManager(
                    PoolingAsyncClientConnectionManagerBuilder.create()
                            .setMaxConnPerRoute(10)
                            .setMaxConnTotal(30)
                            .setDefaultConnectionConfig(connection)
                            .setTlsStrategy(tls)
                            .build()));
        }
        return builder.build();
    }

    @Singleton
    OpenSearchClient client(OpenSearchTransport transport) {
        return new OpenSearchClient(transport);
    }

    static ObjectMapper documentMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    private static Header basicAuthorization(OpenSearchSettings settings) {
        String password = settings.getPassword() == null ? "" : settings.getPassword();
        String token = Base64.getEncoder().encodeToString(
                (settings.getUsername() + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new BasicHeader(HttpHeaders.AUTHORIZATION, "Basic " + token, true);
    }
}
