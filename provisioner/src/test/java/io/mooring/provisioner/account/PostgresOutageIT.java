package io.mooring.provisioner.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.provisioner.testing.ProvisionerProperties;
import io.mooring.stack.PostgresServer;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The provisioner's Postgres frozen (SIGSTOP): the API says so within seconds instead of hanging. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresOutageIT implements TestPropertyProvider {
    private static final String TOKEN = "pg-outage-it-operator";

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ProvisionerProperties.with(TOKEN));
        // long enough to measure how long a request really takes
        properties.put("micronaut.http.client.read-timeout", "60s");
        return properties;
    }

    @Test
    void listingAccountsWhilePostgresIsFrozenAnswersStoreUnavailableWithinSeconds() {
        assertThat(accounts().code()).isEqualTo(200);
        PostgresServer postgres = Servers.postgres();
        postgres.freeze();
        try {
            for (int request = 1; request <= 2; request++) {
                long started = System.nanoTime();
                HttpClientResponseException failed = catchThrowableOfType(HttpClientResponseException.class, this::accounts);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(failed).as("request %d", request).isNotNull();
                assertThat(failed.code()).isEqualTo(503);
                assertThat(failed.getResponse().getBody(String.class).orElseThrow())
                        .contains("urn:mooring:problem:store-unavailable");
                assertThat(failed.getResponse().getHeaders().get("Retry-After")).isNotBlank();
                // bounded by pool-timeout (4s), far below the socket timeout (15s); margin for a loaded machine
                assertThat(took).as("request %d", request).isLessThan(Duration.ofSeconds(12));
            }
            long started = System.nanoTime();
            HttpClientResponseException health = catchThrowableOfType(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(HttpRequest.GET("/health"), String.class));
            // bounded by mooring.pg.health-timeout (1s), with margin for a loaded machine
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(health.code()).isEqualTo(503);
            assertThat(health.getResponse().getBody(String.class).orElseThrow()).contains("\"postgres\"").contains("DOWN");
        } finally {
            postgres.thaw();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(accounts().code()).isEqualTo(200));
    }

    private HttpResponse<String> accounts() {
        return client.toBlocking().exchange(HttpRequest.GET("/v1/accounts").bearerAuth(TOKEN), String.class);
    }
}
