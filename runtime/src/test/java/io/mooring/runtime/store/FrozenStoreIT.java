package io.mooring.runtime.store;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.testing.RealServersProperties;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.stack.StackServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A store whose processes are frozen (SIGSTOP: sockets open, nothing answers) costs a request a few
 * seconds and a 503 {@code store-unavailable}, and {@code /health} says so at once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrozenStoreIT implements TestPropertyProvider {
    private static final Duration FEW_SECONDS = Duration.ofSeconds(8);
    private static final Duration AT_ONCE = Duration.ofMillis(2500);

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(RealServersProperties.withFreshDatabase("frozen",
                ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS));
        // long enough to measure how long a request really takes
        properties.put("micronaut.http.client.read-timeout", "60s");
        return properties;
    }

    @Test
    void aFrozenPostgresGivesStoreUnavailableWithinSecondsAndHealthSaysDownAtOnce() {
        answersWhileFrozen(Servers.postgres(), "/v1/store-probe/postgres", "postgres");
    }

    @Test
    void aFrozenRedisGivesStoreUnavailableWithinSecondsAndHealthSaysDownAtOnce() {
        answersWhileFrozen(Servers.redis(), "/v1/store-probe/redis", "redis");
    }

    private void answersWhileFrozen(StackServer server, String path, String indicator) {
        assertThat(get(path).code()).isEqualTo(200);
        assertThat(health().getBody(Map.class).orElseThrow().get("status")).isEqualTo("UP");

        server.freeze();
        try {
            for (int request = 1; request <= 2; request++) {
                long started = System.nanoTime();
                HttpClientResponseException failed = catchThrowableOfType(HttpClientResponseException.class, () -> get(path));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(failed).as("request %d while frozen", request).isNotNull();
                assertThat(failed.code()).isEqualTo(503);
                assertThat(failed.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
                assertThat(failed.getResponse().getBody(String.class).orElseThrow())
                        .contains("urn:mooring:problem:store-unavailable");
                assertThat(failed.getResponse().getHeaders().get("Retry-After")).isEqualTo("5");
                assertThat(took).as("request %d while frozen", request).isLessThan(FEW_SECONDS);
            }

            long started = System.nanoTime();
            HttpResponse<Map> health = health();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(AT_ONCE);
            assertThat(health.code()).isEqualTo(503);
            assertThat(health.getBody(Map.class).orElseThrow().get("status")).isEqualTo("DOWN");
            assertThat(health.getBody(String.class).orElse(health.getBody(Map.class).orElseThrow().toString()))
                    .contains(indicator);
        } finally {
            server.thaw();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(path).code()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(health().getBody(Map.class).orElseThrow().get("status")).isEqualTo("UP"));
    }

    private HttpResponse<String> get(String path) {
        return client.toBlocking().exchange(HttpRequest.GET(path).bearerAuth("it-operator"), String.class);
    }

    @SuppressWarnings({"rawtypes"})
    private HttpResponse<Map> health() {
        try {
            return client.toBlocking().exchange(HttpRequest.GET("/health"), Map.class);
        } catch (HttpClientResponseException e) {
            return (HttpResponse<Map>) (HttpResponse) e.getResponse();
        }
    }
}
