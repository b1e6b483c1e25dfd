package io.mooring.chatops.delivery;

import io.mooring.testing.HostileInputSweep;
import io.micronaut.runtime.server.EmbeddedServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.chatops.RelayApi.Answer;
import io.mooring.chatops.RelayIT;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay's HTTP surface: the delivery log, the targets, auth, health and metrics. */
@MicronautTest
class DeliveryApiIT extends RelayIT {
    @Inject
    EmbeddedServer server;

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    DeliveryLedger ledger;

    @Inject
    ApplicationContext context;

    DeliveryApiIT() {
        super("api");
    }

    @Override
    protected void settings(Map<String, String> properties) {
        target(properties, 0, "ops-slack", "slack", receiver.url("/services/T000/B000/very-secret-token"),
                "mooring.monitoring.,mooring.backups.run.failed");
        properties.put("mooring.chatops.webhook.url", receiver.url("/hook?token=another-secret"));
        properties.put("mooring.chatops.webhook.kind", "matrix");
    }

    @Test
    void listsTheNewestDeliveriesFirstUpToTheLimit() throws IOException {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        ids.forEach(id -> ledger.record(delivery(id, "delivered", 200), true));

        JsonNode page = json.readTree(get("/v1/deliveries?limit=2", READER).body());

        assertThat(page).extracting(d -> d.get("eventId").asText()).containsExactly(ids.get(2).toString(), ids.get(1).toString());
        assertThat(page.get(0).fieldNames()).toIterable().containsExactlyInAnyOrder(
                "eventId", "type", "target", "status", "httpStatus", "at", "message", "error", "retrying");
    }

    @Test
    void listsTheAttemptsForOneEvent() throws IOException {
        UUID id = UUID.randomUUID();
        ledger.record(delivery(id, "failed", 503), false);
        ledger.record(delivery(UUID.randomUUID(), "delivered", 200), true);
        ledger.record(delivery(id, "delivered", 200), true);

        JsonNode attempts = json.readTree(get("/v1/deliveries?eventId=" + id, OPERATOR).body());

        assertThat(attempts).extracting(d -> d.get("status").asText() + " " + d.get("httpStatus").asInt())
                .containsExactly("delivered 200", "failed 503");
    }

    @Test
    void keepsTheLatestThousandAttempts() throws IOException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < DeliveryLedger.LOG_SIZE + 5; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            ledger.record(delivery(id, "delivered", 200), true);
        }

        JsonNode all = json.readTree(get("/v1/deliveries?limit=1000", READER).body());

        assertThat(all).hasSize(DeliveryLedger.LOG_SIZE);
        assertThat(all.get(0).get("eventId").asText()).isEqualTo(ids.getLast().toString());
        assertThat(all.get(DeliveryLedger.LOG_SIZE - 1).get("eventId").asText()).isEqualTo(ids.get(5).toString());
    }

    @Test
    void rejectsALimitOutOfRangeNamingIt() throws IOException {
        for (String limit : List.of("0", "1001", "-3", "lots")) {
            Answer response = get("/v1/deliveries?limit=" + limit, OPERATOR);
            assertThat(response.code()).as("limit=" + limit).isEqualTo(400);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(json.readTree(response.body()).toString()).as("limit=" + limit).contains("limit");
        }
        JsonNode problem = json.readTree(get("/v1/deliveries?limit=0", OPERATOR).body());
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("limit");
    }

    @Test
    void rejectsAnEventIdThatIsNoUuid() throws IOException {
        Answer response = get("/v1/deliveries?eventId=not-a-uuid", OPERATOR);

        assertThat(response.code()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asText()).isEqualTo("eventId");
    }

    @Test
    void needsABearerToken() {
        Answer none = exchange(HttpRequest.GET("/v1/deliveries"));
        assertThat(none.code()).isEqualTo(401);
        assertThat(none.contentType()).isEqualTo("application/problem+json");
        assertThat(get("/v1/deliveries", "not-a-token").code()).isEqualTo(401);
        assertThat(exchange(HttpRequest.GET("/v1/targets")).code()).isEqualTo(401);
        assertThat(get("/v1/targets", READER).code()).isEqualTo(200);
    }

    @Test
    void showsTargetsWithTheHostOfTheirUrlOnly() throws IOException {
        Answer response = get("/v1/targets", READER);
        String host = receiver.url("").substring("http://".length());

        String noDelivery = "{\"ratePerSecond\": null, \"burst\": null, \"groupWait\": null, \"giveUpAfter\": null}";
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("""
                {"items": [
                 {"name": "default", "kind": "matrix-hookshot", "source": "settings", "host": "%s", "secretSet": true,
                  "secrets": ["url"], "options": {}, "eventTypes": [], "delivery": %s, "createdAt": null, "updatedAt": null},
                 {"name": "ops-slack", "kind": "slack", "source": "settings", "host": "%s", "secretSet": true,
                  "secrets": ["url"], "options": {}, "eventTypes": ["mooring.monitoring.", "mooring.backups.run.failed"],
                  "delivery": %s, "createdAt": null, "updatedAt": null}],
                 "nextCursor": null}
                """.formatted(host, noDelivery, host, noDelivery)));
        assertThat(response.body()).doesNotContain("very-secret-token").doesNotContain("another-secret")
                .doesNotContain("/services/");
    }

    @Test
    void isHealthyWithRedisAndKafkaAndWithoutADatabase() throws IOException {
        Answer response = exchange(HttpRequest.GET("/health"));

        assertThat(response.code()).isEqualTo(200);
        JsonNode health = json.readTree(response.body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/details/redis/status").asText()).isEqualTo("UP");
        assertThat(health.at("/details/kafka/status").asText()).isEqualTo("UP");
        assertThat(health.get("details").has("jdbc")).isFalse();
        assertThat(health.get("details").has("postgres")).isFalse();
        assertThat(context.containsBean(DataSource.class)).isFalse();
        JsonNode readiness = json.readTree(exchange(HttpRequest.GET("/health/readiness")).body());
        assertThat(readiness.at("/details/redis/status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/details/kafka/status").asText()).isEqualTo("UP");
    }

    @Test
    void servesPrometheusMetricsWithoutAToken() {
        Answer response = exchange(HttpRequest.GET("/prometheus"));

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body()).contains("mooring_events_applied_total{consumer=\"chatops-relay.notifier\"");
    }

    private static Delivery delivery(UUID eventId, String status, int httpStatus) {
        boolean delivered = status.equals("delivered");
        return new Delivery(eventId, "mooring.provisioning.account.resumed.v1", "ops-slack", status, httpStatus,
                Instant.now(), "▶️ Account a-1 resumed", delivered ? null : "HTTP " + httpStatus, !delivered && httpStatus >= 500);
    }

    private Answer get(String path, String token) {
        return api.send("GET", path, null, token);
    }

    private Answer exchange(MutableHttpRequest<?> request) {
        return api.send(request);
    }

    @Test
    void hostileInputOnEveryEndpointIsABadRequestProblemNeverAServerError() {
        HostileInputSweep.against(server.getURI(), OPERATOR)
                .get("/v1/deliveries", "limit", "eventId")
                .get("/v1/targets")
                .run();
    }
}
