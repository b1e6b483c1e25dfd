package io.mooring.search.opensearch;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.TopicProvisioner;
import io.mooring.search.TestStack;
import io.mooring.stack.DevCertificates;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The indexer against OpenSearch behind TLS and basic authentication (a real nginx in front of the
 * embedded OpenSearch, whose integration-test distribution has no security plugin).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredOpenSearchIT implements TestPropertyProvider {
    private static final String USER = "indexer";
    private static final String PASSWORD = "correct horse:battery";

    private static NginxTlsProxy proxy;

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    KafkaClients kafka;
    @Inject
    TopicProvisioner topics;

    @Override
    public Map<String, String> getProperties() {
        try {
            proxy = NginxTlsProxy.start(Servers.runDir().resolve("nginx-opensearch-" + UUID.randomUUID()),
                    Servers.openSearch().url(), USER, PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>(TestStack.properties(SecuredOpenSearchIT.class));
        properties.put("mooring.opensearch.url", proxy.url());
        properties.put("mooring.opensearch.username", USER);
        properties.put("mooring.opensearch.password", PASSWORD);
        properties.put("mooring.opensearch.ca-file", proxy.caCertificate().toString());
        return properties;
    }

    @AfterAll
    void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void indexesAndSearchesThroughTlsAndBasicAuthentication() throws Exception {
        topics.ensure(List.of(Topics.PROVISIONING));
        String accountId = "acct-" + UUID.randomUUID();
        EventEnvelope event = EventEnvelope.of("provisioner",
                new AccountReady(accountId, "secured" + UUID.randomUUID().toString().substring(0, 6), "h-1", "small", null),
                Clock.systemUTC());
        try (KafkaProducer<String, byte[]> producer = kafka.producer("it")) {
            producer.send(new EventCodec().toRecord(event)).get();
        }

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(http.toBlocking().retrieve(HttpRequest.GET("/v1/events?subject=" + accountId)
                        .bearerAuth(TestStack.READ_TOKEN))).contains(event.id().toString()));
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/health/readiness"))).contains("\"opensearch\"");
    }

    @Test
    void aWrongPasswordIsRefusedWithStatus401() throws Exception {
        OpenSearchSettings settings = settings(USER, "wrong password");

        try (OpenSearchTransport transport = new OpenSearchClientFactory().transport(settings)) {
            assertThatThrownBy(() -> new OpenSearchClient(transport).info())
                    .satisfies(failure -> assertThat(OpenSearchFailures.describe(failure))
                            .startsWith("401: credentials refused, check mooring.opensearch.username")
                            .doesNotContain("wrong password"));
        }
    }

    @Test
    void missingCredentialsAreRefusedWithStatus401() throws Exception {
        OpenSearchSettings settings = settings(null, null);

        try (OpenSearchTransport transport = new OpenSearchClientFactory().transport(settings)) {
            assertThatThrownBy(() -> new OpenSearchClient(transport).info())
                    .satisfies(failure -> assertThat(OpenSearchFailures.describe(failure)).contains("401"));
        }
    }

    @Test
    void aServerCertificateFromAnUnknownCaIsRefused(@TempDir Path otherCa) throws Exception {
        OpenSearchSettings settings = settings(USER, PASSWORD);
        settings.setCaFile(DevCertificates.ensure(otherCa).toString());

        try (OpenSearchTransport transport = new OpenSearchClientFactory().transport(settings)) {
            assertThatThrownBy(() -> new OpenSearchClient(transport).info())
                    .hasRootCauseInstanceOf(CertPathBuilderException.class)
                    .satisfies(failure -> assertThat(OpenSearchFailures.describe(failure))
                            .startsWith("TLS handshake failed, check mooring.opensearch.url and mooring.opensearch.ca-file"));
        }
    }

    @Test
    void refusesCredentialsOverPlainHttp() {
        OpenSearchSettings settings = settings(USER, PASSWORD);
        settings.setUrl(URI.create(Servers.openSearch().url()));
        settings.setCaFile(null);

        assertThatThrownBy(() -> new OpenSearchClientFactory().transport(settings))
                .hasMessageContaining("credentials are only sent over https");
    }

    private static OpenSearchSettings settings(String user, String password) {
        OpenSearchSettings settings = new OpenSearchSettings();
        settings.setUrl(URI.create(proxy.url()));
        settings.setUsername(user);
        settings.setPassword(password);
        settings.setCaFile(proxy.caCertificate().toString());
        return settings;
    }
}
