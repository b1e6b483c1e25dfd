package io.mooring.platform;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoEndpointTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersOkWhileHealthyAnd503WhileBrokenThenOkAgain() throws Exception {
        try (DemoEndpoint endpoint = DemoEndpoint.start()) {
            assertThat(endpoint.url()).matches("http://127\\.0\\.0\\.1:\\d+/health");
            assertThat(get(endpoint)).isEqualTo("200 {\"status\": \"ok\"}");

            endpoint.setHealthy(false);
            assertThat(get(endpoint)).isEqualTo("503 {\"status\": \"down\"}");

            endpoint.setHealthy(true);
            assertThat(get(endpoint)).isEqualTo("200 {\"status\": \"ok\"}");
        }
    }

    @Test
    void theDemoMonitorChecksTheEndpointOftenAndHoldsItsBodyToAJsonCondition() {
        Map<String, Object> monitor = DemoOutage.monitor("http://127.0.0.1:4711/health");

        assertThat(monitor).containsEntry("kind", "http").containsEntry("target", "http://127.0.0.1:4711/health")
                .containsEntry("intervalSeconds", 10).containsEntry("failureThreshold", 2);
        assertThat(monitor.get("settings")).isEqualTo(Map.of("expectedStatus", java.util.List.of("200"),
                "jsonCondition", Map.of("jsonPath", "$.status", "equals", "ok")));
        // two failed checks and a recovery fit in one step of the outage
        assertThat(Demo.OUTAGE_STEP_TIMEOUT.toSeconds()).isGreaterThanOrEqualTo(4L * DemoOutage.INTERVAL_SECONDS);
    }

    private String get(DemoEndpoint endpoint) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint.url())).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
