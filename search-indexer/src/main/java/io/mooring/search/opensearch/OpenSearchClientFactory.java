package io.mooring.search.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.net.URI;

/**
 * The OpenSearch client: Apache HttpClient 5 transport, documents as JSON through Jackson with
 * {@code java.time} values as ISO-8601 strings. Creating it does not touch the network.
 */
@Factory
class OpenSearchClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    OpenSearchTransport transport(OpenSearchSettings settings) {
        URI url = settings.getUrl();
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder
                .builder(new HttpHost(url.getScheme(), url.getHost(), port))
                .setMapper(new JacksonJsonpMapper(documentMapper()))
                .setConnectionConfigCallback(config -> config
                        .setConnectTimeout(Timeout.of(settings.getConnectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.getResponseTimeout())))
                .setRequestConfigCallback(config -> config.setResponseTimeout(Timeout.of(settings.getResponseTimeout())));
        if (url.getPath() != null && !url.getPath().isEmpty() && !"/".equals(url.getPath())) {
            builder.setPathPrefix(url.getPath());
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
}
