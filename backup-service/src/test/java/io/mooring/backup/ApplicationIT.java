package io.mooring.backup;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service as an operator's probes and Prometheus see it, without a token. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationIT implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(ApplicationIT.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthIsUpAndCoversKafkaAndTheDatabase() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> health = http.toBlocking().retrieve(HttpRequest.GET("/health"),
                    Argument.mapOf(String.class, Object.class));
            assertThat(health).containsEntry("status", "UP");
            Map<String, Object> details = (Map<String, Object>) health.get("details");
            assertThat(details).containsKeys("kafka", "postgres");
            assertThat((Map<String, Object>) details.get("kafka")).containsEntry("status", "UP");
            assertThat((Map<String, Object>) details.get("postgres")).containsEntry("status", "UP");
        });
        HttpResponse<String> readiness = http.toBlocking().exchange(HttpRequest.GET("/health/readiness"), String.class);
        assertThat(readiness.code()).isEqualTo(HttpStatus.OK.getCode());
    }

    @Test
    void prometheusScrapesWithoutAToken() {
        HttpResponse<String> metrics = http.toBlocking().exchange(HttpRequest.GET("/prometheus"), String.class);

        assertThat(metrics.code()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(metrics.body()).contains("mooring_outbox_pending").contains("jvm_memory_used_bytes");
    }
}
