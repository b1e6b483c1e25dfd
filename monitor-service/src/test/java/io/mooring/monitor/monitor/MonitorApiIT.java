package io.mooring.monitor.monitor;

import io.mooring.testing.HostileInputSweep;
import java.sql.Connection;
import io.mooring.testing.OutboxContract;
import io.micronaut.transaction.TransactionOperations;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.Topics;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.mooring.testing.EventTopics;
import io.mooring.monitor.TestServers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The monitors API and the operational endpoints, over real HTTP against real Postgres and Kafka. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorApiIT implements TestPropertyProvider {

    @Inject
    TransactionOperations<Connection> outboxTransactions;

    @AfterAll
    void everyEventWrittenToTheOutboxDecodesThroughTheContract() {
        int checked = outboxTransactions.executeRead(status -> OutboxContract.assertEveryEventDecodes(status.getConnection()));
        assertThat(checked).isPositive();
    }
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @Inject
    EmbeddedServer server;

    private ApiClient api;
    private EventTopics log;

    @Override
    public Map<String, String> getProperties() {
        return TestServers.properties(getClass());
    }

    @BeforeAll
    void connect() {
        api = new ApiClient(HttpClient.create(server.getURL()), null);
        log = new EventTopics();
    }

    @AfterAll
    void disconnect() {
        log.close();
    }

    @Test
    void createsShowsAndDeletesAnHttpMonitorWithItsEvents() {
        String accountId = UUID.randomUUID().toString();
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"accountId": "%s", "name": "web", "kind": "http",
                 "target": "https://social.example.org/health", "intervalSeconds": 60}""".formatted(accountId));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.tree().get("id").asText();
        assertThat(created.location()).contains("/v1/monitors/" + id);
        assertThat(created.tree().get("state").asText()).isEqualTo("UNKNOWN");
        assertThat(created.tree().has("heartbeatToken")).isFalse();

        Reply shown = api.as(READ_TOKEN).get("/v1/monitors/" + id);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.tree().get("target").asText()).isEqualTo("https://social.example.org/health");
        assertThat(shown.tree().get("intervalSeconds").asInt()).isEqualTo(60);
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?accountId=" + accountId).tree()).hasSize(1);

        Reply deleted = api.as(OPERATOR_TOKEN).delete("/v1/monitors/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        Reply gone = api.as(READ_TOKEN).get("/v1/monitors/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/monitors/" + id).status()).isEqualTo(404);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(log.events(Topics.MONITORING, MonitorCreated.class))
                    .containsOnlyOnce(new MonitorCreated(id, accountId, "web", "http", "https://social.example.org/health"));
            assertThat(log.events(Topics.MONITORING, MonitorDeleted.class)).containsOnlyOnce(new MonitorDeleted(id, accountId));
        });
    }

    @Test
    void showsAHeartbeatTokenOnlyInTheCreateAnswer() {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "nightly-report-%s", "kind": "heartbeat", "intervalSeconds": 3600, "graceSeconds": 600}"""
                .formatted(UUID.randomUUID()));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String token = created.tree().get("heartbeatToken").asText();
        assertThat(token).hasSize(43);
        String id = created.tree().get("id").asText();
        Reply shown = api.as(READ_TOKEN).get("/v1/monitors/" + id);
        assertThat(shown.tree().has("heartbeatToken")).isFalse();
        assertThat(shown.tree().get("graceSeconds").asInt()).isEqualTo(600);
        Reply listed = api.as(READ_TOKEN).get("/v1/monitors");
        assertThat(listed.text()).contains(id).doesNotContain("heartbeatToken").doesNotContain(token);
    }

    @Test
    void replaysACreateWithTheSameIdempotencyKeyAndRefusesTheKeyForAnotherBody() {
        String key = "monitor-" + UUID.randomUUID();
        String body = """
                {"name": "shop-%s", "kind": "http", "target": "https://shop.example.org/health", "intervalSeconds": 60}"""
                .formatted(UUID.randomUUID());

        Reply first = api.as(OPERATOR_TOKEN).send(HttpRequest.POST("/v1/monitors", body).header("Idempotency-Key", key));
        Reply again = api.as(OPERATOR_TOKEN).send(HttpRequest.POST("/v1/monitors", body).header("Idempotency-Key", key));
        Reply other = api.as(OPERATOR_TOKEN).send(HttpRequest.POST("/v1/monitors", body.replace("shop-", "other-")).header("Idempotency-Key", key));

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(again.location()).isEqualTo(first.location());
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.text()).contains("urn:mooring:problem:idempotency-key-reused");
        assertThat(api.as(READ_TOKEN).get("/v1/monitors").text().split(first.tree().get("id").asText(), -1)).hasSize(2);
    }

    @Test
    void refusesASecondMonitorOfTheSameNameForTheSameOwner() {
        String accountId = UUID.randomUUID().toString();
        String forAccount = """
                {"accountId": "%s", "name": "db", "kind": "tcp", "target": "db.example.org:5432", "intervalSeconds": 30}"""
                .formatted(accountId);
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors", forAccount).status()).isEqualTo(201);
        Reply again = api.as(OPERATOR_TOKEN).post("/v1/monitors", forAccount);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.tree().get("type").asText()).isEqualTo("urn:mooring:problem:monitor-exists");

        String otherAccount = forAccount.replace(accountId, UUID.randomUUID().toString());
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors", otherAccount).status()).isEqualTo(201);

        String platform = """
                {"name": "status-page-%s", "kind": "http", "target": "https://status.example.org/", "intervalSeconds": 30}"""
                .formatted(UUID.randomUUID());
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors", platform).status()).isEqualTo(201);
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors", platform).status()).isEqualTo(409);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http target not a URL      | target          | {"name": "a", "kind": "http", "target": "social.example.org/health", "intervalSeconds": 60}
            http target not http(s)    | target          | {"name": "a", "kind": "http", "target": "ftp://example.org/", "intervalSeconds": 60}
            tcp port 70000             | target          | {"name": "a", "kind": "tcp", "target": "db.example.org:70000", "intervalSeconds": 60}
            heartbeat with a target    | target          | {"name": "a", "kind": "heartbeat", "target": "https://example.org/", "intervalSeconds": 60, "graceSeconds": 60}
            heartbeat without grace    | graceSeconds    | {"name": "a", "kind": "heartbeat", "intervalSeconds": 60}
            interval of 1 second       | intervalSeconds | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 1}
            interval over a day        | intervalSeconds | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 86401}
            unknown kind               | kind            | {"name": "a", "kind": "icmp", "target": "example.org", "intervalSeconds": 60}
            blank name                 | name            | {"name": " ", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60}
            unknown JSON field         | colour          | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60, "colour": "red"}
            """)
    void rejectsBadInputWithAProblemNamingTheField(String rule, String field, String body) {
        Reply answer = api.as(OPERATOR_TOKEN).post("/v1/monitors", body);

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.tree();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.toString()).contains(field);
        if (!field.equals("colour")) {
            assertThat(problem.get("errors").findValuesAsText("field")).as(answer.text()).contains(field);
        }
        assertThat(api.as(READ_TOKEN).get("/v1/monitors").text()).doesNotContain("\"name\":\"a\"");
    }

    @Test
    void requiresABearerTokenAndAnOperatorTokenToChange() {
        String body = """
                {"name": "web", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60}""";
        Reply anonymous = api.as(null).post("/v1/monitors", body);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(api.as(null).get("/v1/monitors").status()).isEqualTo(401);
        assertThat(api.as("not-a-token").get("/v1/monitors").status()).isEqualTo(401);

        Reply reader = api.as(READ_TOKEN).post("/v1/monitors", body);
        assertThat(reader.status()).isEqualTo(403);
        assertThat(reader.tree().get("type").asText()).isEqualTo("urn:mooring:problem:forbidden");
        assertThat(api.as(READ_TOKEN).delete("/v1/monitors/" + UUID.randomUUID()).status()).isEqualTo(403);
        assertThat(api.as(READ_TOKEN).get("/v1/monitors").status()).isEqualTo(200);
    }

    @Test
    void healthIsUpWithKafkaAndTheDatabase() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            Reply health = api.as(null).get("/health");
            assertThat(health.status()).as(health.text()).isEqualTo(200);
            JsonNode json = health.tree();
            assertThat(json.get("status").asText()).isEqualTo("UP");
            assertThat(json.at("/details/kafka/status").asText()).as(health.text()).isEqualTo("UP");
            assertThat(json.at("/details/postgres/status").asText()).isEqualTo("UP");
        });
    }

    @Test
    void exposesPrometheusMetrics() {
        Reply metrics = api.as(null).get("/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("mooring_outbox_pending").contains("jvm_memory_used_bytes");
    }

    @Test
    void hostileInputOnEveryEndpointIsABadRequestProblemNeverAServerError() {
        HostileInputSweep.against(server.getURI(), OPERATOR_TOKEN)
                .get("/v1/monitors", "accountId")
                .get("/v1/monitors/{id}")
                .send("POST", "/v1/monitors", """
                        {"accountId": "%s", "name": "web", "kind": "http",
                         "target": "https://social.example.org/health", "intervalSeconds": 60}""".formatted(UUID.randomUUID()))
                .send("POST", "/v1/monitors", """
                        {"name": "nightly", "kind": "heartbeat", "intervalSeconds": 3600, "graceSeconds": 600}""")
                .run();
    }
}
