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
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.monitoring.MonitorUpdated;
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
        Map<String, String> properties = TestServers.properties(getClass());
        // the API alone: no check changes a state these tests watch
        properties.put("mooring.scheduler.enabled", "false");
        return properties;
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
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?accountId=" + accountId).tree().get("items")).hasSize(1);

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
        Reply listed = api.as(READ_TOKEN).get("/v1/monitors?limit=200");
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
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?limit=200").text().split(first.tree().get("id").asText(), -1)).hasSize(2);
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

    @Test
    void kafkaMonitorsAndJsonConditionsAreShownWithTheirSettings() {
        String kafka = """
                {"name": "events-%s", "kind": "kafka", "target": "kafka-1.example.org:9093,kafka-2.example.org:9093",
                 "intervalSeconds": 60, "settings": {"credentials": "prod"}}""".formatted(UUID.randomUUID());
        String json = """
                {"name": "api-%s", "kind": "http", "target": "https://example.org/health", "intervalSeconds": 60,
                 "settings": {"jsonCondition": {"jsonPath": "$.queue.depth", "lessThan": 100}}}""".formatted(UUID.randomUUID());
        String role = """
                {"name": "db-%s", "kind": "postgres", "target": "db.example.org:5432", "intervalSeconds": 60,
                 "settings": {"monitorRole": "monitor", "database": "app"}}""".formatted(UUID.randomUUID());

        Reply kafkaAnswer = api.as(OPERATOR_TOKEN).post("/v1/monitors", kafka);
        Reply jsonAnswer = api.as(OPERATOR_TOKEN).post("/v1/monitors", json);
        Reply roleAnswer = api.as(OPERATOR_TOKEN).post("/v1/monitors", role);

        assertThat(kafkaAnswer.status()).as(kafkaAnswer.text()).isEqualTo(201);
        assertThat(kafkaAnswer.tree().path("settings").toString()).isEqualTo("{\"credentials\":\"prod\"}");
        assertThat(jsonAnswer.status()).as(jsonAnswer.text()).isEqualTo(201);
        assertThat(jsonAnswer.tree().path("settings").path("jsonCondition").toString())
                .isEqualTo("{\"jsonPath\":\"$.queue.depth\",\"lessThan\":100}");
        assertThat(roleAnswer.status()).as(roleAnswer.text()).isEqualTo(201);
        assertThat(roleAnswer.tree().path("settings").toString()).isEqualTo("{\"database\":\"app\",\"monitorRole\":\"monitor\"}");
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
            timeout over the interval  | timeoutSeconds  | {"name": "a", "kind": "tcp", "target": "db:5432", "intervalSeconds": 10, "timeoutSeconds": 11}
            timeout of 0               | timeoutSeconds  | {"name": "a", "kind": "tcp", "target": "db:5432", "intervalSeconds": 60, "timeoutSeconds": 0}
            setting of another kind    | settings.warnDays | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60, "settings": {"warnDays": 3}}
            keyword on a tls monitor   | settings.keyword | {"name": "a", "kind": "tls", "target": "example.org:443", "intervalSeconds": 60, "settings": {"keyword": "x"}}
            status that is no status   | settings.expectedStatus | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60, "settings": {"expectedStatus": ["2xx"]}}
            HEAD with a keyword        | settings.keyword | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60, "settings": {"method": "HEAD", "keyword": "ok"}}
            method POST                | settings.method | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60, "settings": {"method": "POST"}}
            Host header                | settings.headers | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60, "settings": {"headers": {"Host": "x"}}}
            warn days over a year      | settings.warnDays | {"name": "a", "kind": "tls", "target": "example.org:443", "intervalSeconds": 60, "settings": {"warnDays": 400}}
            postgres user too long     | settings.user   | {"name": "a", "kind": "postgres", "target": "db:5432", "intervalSeconds": 60, "settings": {"user": "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu"}}
            dns target with a port     | target          | {"name": "a", "kind": "dns", "target": "example.org:53", "intervalSeconds": 60}
            dns expected address name  | settings.expectedAddress | {"name": "a", "kind": "dns", "target": "example.org", "intervalSeconds": 60, "settings": {"expectedAddress": "example.net"}}
            redis without a port       | target          | {"name": "a", "kind": "redis", "target": "cache.example.org", "intervalSeconds": 60}
            json path that is no path  | settings.jsonCondition.jsonPath | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60, "settings": {"jsonCondition": {"jsonPath": "$..", "equals": "ok"}}}
            json condition of two tests | settings.jsonCondition | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60, "settings": {"jsonCondition": {"jsonPath": "$.status", "equals": "ok", "exists": true}}}
            json condition on HEAD     | settings.jsonCondition | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60, "settings": {"method": "HEAD", "jsonCondition": {"jsonPath": "$.status", "exists": true}}}
            greaterThan not a number   | greaterThan     | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60, "settings": {"jsonCondition": {"jsonPath": "$.n", "greaterThan": "ten"}}}
            kafka servers with a space | target          | {"name": "a", "kind": "kafka", "target": "kafka-1:9092, kafka-2:9092", "intervalSeconds": 60}
            kafka credentials bad name | settings.credentials | {"name": "a", "kind": "kafka", "target": "kafka-1:9092", "intervalSeconds": 60, "settings": {"credentials": "Prod Cluster"}}
            credentials on http        | settings.credentials | {"name": "a", "kind": "http", "target": "https://example.org/", "intervalSeconds": 60, "settings": {"credentials": "prod"}}
            monitor role and a user    | settings.user   | {"name": "a", "kind": "postgres", "target": "db:5432", "intervalSeconds": 60, "settings": {"monitorRole": "monitor", "user": "x"}}
            failure threshold 0        | failureThreshold | {"name": "a", "kind": "tcp", "target": "db:5432", "intervalSeconds": 60, "failureThreshold": 0}
            success threshold 11       | successThreshold | {"name": "a", "kind": "tcp", "target": "db:5432", "intervalSeconds": 60, "successThreshold": 11}
            tls as a string            | tls             | {"name": "a", "kind": "redis", "target": "cache:6379", "intervalSeconds": 60, "settings": {"tls": "yes"}}
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
            // the runtime names a nested field by its steps, e.g. settings.tls or (serde's order) tls.settings
            assertThat(problem.get("errors").findValuesAsText("field")).as(answer.text())
                    .anyMatch(name -> name.equals(field) || java.util.List.of(name.split("\\.")).contains(field));
        }
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?limit=200").text()).doesNotContain("\"name\":\"a\"");
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
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?limit=200").status()).isEqualTo(200);
    }

    @Test
    void createsEveryProbedKindWithItsDefaultSettingsShown() {
        String accountId = UUID.randomUUID().toString();
        Map<String, String> targets = Map.of("tcp", "db.example.org:5432", "tls", "social.example.org:443",
                "postgres", "db.example.org:5432", "redis", "cache.example.org:6380", "dns", "social.example.org");
        targets.forEach((kind, target) -> {
            Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                    {"accountId": "%s", "name": "%s", "kind": "%s", "target": "%s", "intervalSeconds": 30}"""
                    .formatted(accountId, kind, kind, target));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(created.tree().get("timeoutSeconds").asInt()).isEqualTo(10);
        });
        JsonNode items = api.as(READ_TOKEN).get("/v1/monitors?accountId=" + accountId).tree().get("items");
        Map<String, JsonNode> settings = new java.util.HashMap<>();
        items.forEach(item -> settings.put(item.get("kind").asText(), item.get("settings")));
        assertThat(settings.get("tls").get("warnDays").asInt()).isEqualTo(14);
        assertThat(settings.get("postgres").get("user").asText()).isEqualTo("mooring_monitor");
        assertThat(settings.get("postgres").get("tls").asBoolean()).isFalse();
        assertThat(settings.get("redis").get("tls").asBoolean()).isTrue();
        assertThat(settings.get("tcp").size()).isZero();
        assertThat(settings.get("dns").size()).isZero();

        Reply http = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"accountId": "%s", "name": "web", "kind": "http", "target": "https://social.example.org/", "intervalSeconds": 30,
                 "settings": {"keyword": "Mastodon", "expectedStatus": ["200", "301-302"], "degradedAboveMillis": 800}}""".formatted(accountId));
        assertThat(http.status()).as(http.text()).isEqualTo(201);
        JsonNode shown = http.tree().get("settings");
        assertThat(shown.get("method").asText()).isEqualTo("GET");
        assertThat(shown.get("followRedirects").asBoolean()).isTrue();
        assertThat(shown.get("verifyTls").asBoolean()).isTrue();
        assertThat(shown.get("expectedStatus").toString()).isEqualTo("[\"200\",\"301-302\"]");
        assertThat(shown.get("keyword").asText()).isEqualTo("Mastodon");
    }

    @Test
    void updatesOnlyWhatIsSentWithOneEventAndRefusesWhatCannotChange() {
        String accountId = UUID.randomUUID().toString();
        String id = create(accountId, "shop", "https://shop.example.org/health");
        create(accountId, "blog", "https://blog.example.org/health");

        Reply patched = api.as(OPERATOR_TOKEN).send(HttpRequest.PATCH("/v1/monitors/" + id, """
                {"name": "shop-front", "intervalSeconds": 120, "settings": {"keyword": "open"}}"""));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.tree().get("name").asText()).isEqualTo("shop-front");
        assertThat(patched.tree().get("intervalSeconds").asInt()).isEqualTo(120);
        assertThat(patched.tree().get("target").asText()).isEqualTo("https://shop.example.org/health");
        assertThat(patched.tree().at("/settings/keyword").asText()).isEqualTo("open");
        // the same change again changes nothing and says nothing
        assertThat(api.as(OPERATOR_TOKEN).send(HttpRequest.PATCH("/v1/monitors/" + id, """
                {"name": "shop-front"}""")).status()).isEqualTo(200);

        Reply kind = api.as(OPERATOR_TOKEN).send(HttpRequest.PATCH("/v1/monitors/" + id, """
                {"kind": "tcp"}"""));
        assertThat(kind.status()).isEqualTo(400);
        assertThat(kind.text()).contains("kind");
        Reply taken = api.as(OPERATOR_TOKEN).send(HttpRequest.PATCH("/v1/monitors/" + id, """
                {"name": "blog"}"""));
        assertThat(taken.status()).isEqualTo(409);
        Reply badTarget = api.as(OPERATOR_TOKEN).send(HttpRequest.PATCH("/v1/monitors/" + id, """
                {"target": "shop.example.org:443"}"""));
        assertThat(badTarget.status()).isEqualTo(400);
        assertThat(badTarget.tree().get("errors").findValuesAsText("field")).containsExactly("target");
        assertThat(api.as(OPERATOR_TOKEN).send(HttpRequest.PATCH("/v1/monitors/" + UUID.randomUUID(), "{}")).status())
                .isEqualTo(404);
        assertThat(api.as(READ_TOKEN).send(HttpRequest.PATCH("/v1/monitors/" + id, "{}")).status()).isEqualTo(403);
        assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + id).tree().get("name").asText()).isEqualTo("shop-front");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(log.events(Topics.MONITORING, MonitorUpdated.class))
                .filteredOn(e -> e.monitorId().equals(id))
                .containsExactly(new MonitorUpdated(id, accountId, "shop-front", "https://shop.example.org/health", 120)));
    }

    @Test
    void pausesAndResumesWithOneStateChangeEach() {
        String accountId = UUID.randomUUID().toString();
        String id = create(accountId, "web", "https://social.example.org/health");

        Reply paused = api.as(OPERATOR_TOKEN).post("/v1/monitors/" + id + "/pause", "");
        assertThat(paused.status()).as(paused.text()).isEqualTo(200);
        assertThat(paused.tree().get("state").asText()).isEqualTo("PAUSED");
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors/" + id + "/pause", "").status()).isEqualTo(200);
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?state=PAUSED&accountId=" + accountId).tree().get("items")).hasSize(1);

        Reply resumed = api.as(OPERATOR_TOKEN).post("/v1/monitors/" + id + "/resume", "");
        assertThat(resumed.tree().get("state").asText()).isEqualTo("UNKNOWN");
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors/" + id + "/resume", "").status()).isEqualTo(200);
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors/" + UUID.randomUUID() + "/pause", "").status()).isEqualTo(404);
        assertThat(api.as(READ_TOKEN).post("/v1/monitors/" + id + "/pause", "").status()).isEqualTo(403);
        assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + id + "/states").tree().get("items").findValuesAsText("to"))
                .containsExactly("PAUSED", "UNKNOWN");
        assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + UUID.randomUUID() + "/states").status()).isEqualTo(404);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(log.events(Topics.MONITORING, MonitorStateChanged.class))
                .filteredOn(e -> e.monitorId().equals(id))
                .containsExactly(new MonitorStateChanged(id, "UNKNOWN", "PAUSED", "paused by an operator", accountId),
                        new MonitorStateChanged(id, "PAUSED", "UNKNOWN", "resumed by an operator", accountId)));
    }

    @Test
    void pagesThroughMonitorsInCreationOrderWithFilters() {
        String accountId = UUID.randomUUID().toString();
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(accountId, "site-" + i, "https://site-" + i + ".example.org/"));
        }
        Reply tcp = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"accountId": "%s", "name": "db", "kind": "tcp", "target": "db.example.org:5432", "intervalSeconds": 30}"""
                .formatted(accountId));
        assertThat(tcp.status()).isEqualTo(201);

        java.util.List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = api.as(READ_TOKEN).get("/v1/monitors?kind=http&limit=2&accountId=" + accountId
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.tree().get("items").forEach(item -> seen.add(item.get("id").asText()));
            cursor = page.tree().get("nextCursor").isNull() ? null : page.tree().get("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(ids);
        assertThat(pages).isEqualTo(3);
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?kind=tcp&accountId=" + accountId).tree().get("items")).hasSize(1);

        assertProblem(api.as(READ_TOKEN).get("/v1/monitors?kind=icmp"), "kind");
        assertProblem(api.as(READ_TOKEN).get("/v1/monitors?state=SLEEPING"), "state");
        assertProblem(api.as(READ_TOKEN).get("/v1/monitors?limit=0"), "limit");
        assertProblem(api.as(READ_TOKEN).get("/v1/monitors?limit=201"), "limit");
        assertProblem(api.as(READ_TOKEN).get("/v1/monitors?cursor=bm90LWEtY3Vyc29y"), "cursor");
    }

    private void assertProblem(Reply answer, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text()).contains(field);
    }

    private String create(String accountId, String name, String url) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"accountId": "%s", "name": "%s", "kind": "http", "target": "%s", "intervalSeconds": 60}"""
                .formatted(accountId, name, url));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.tree().get("id").asText();
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
                .get("/v1/monitors", "accountId", "kind", "state", "limit", "cursor")
                .get("/v1/monitors/{id}")
                .get("/v1/monitors/{id}/states", "limit", "cursor")
                .send("POST", "/v1/monitors", """
                        {"accountId": "%s", "name": "web", "kind": "http",
                         "target": "https://social.example.org/health", "intervalSeconds": 60}""".formatted(UUID.randomUUID()))
                .send("POST", "/v1/monitors", """
                        {"name": "nightly", "kind": "heartbeat", "intervalSeconds": 3600, "graceSeconds": 600}""")
                .send("POST", "/v1/monitors", """
                        {"name": "web-settings", "kind": "http", "target": "https://social.example.org/health", "intervalSeconds": 60,
                         "timeoutSeconds": 5, "settings": {"method": "GET", "headers": {"X-Probe": "1"}, "expectedStatus": ["200-299"],
                         "keyword": "ok", "keywordAbsent": false, "followRedirects": true, "verifyTls": true, "degradedAboveMillis": 800}}""")
                .send("POST", "/v1/monitors", """
                        {"name": "pg", "kind": "postgres", "target": "db.example.org:5432", "intervalSeconds": 60,
                         "settings": {"user": "mooring_monitor", "database": "postgres", "tls": true}}""")
                .send("PATCH", "/v1/monitors/{id}", """
                        {"name": "web", "target": "https://social.example.org/health", "intervalSeconds": 60, "timeoutSeconds": 5,
                         "failureThreshold": 3, "successThreshold": 2, "settings": {"keyword": "ok"}}""")
                .send("POST", "/v1/monitors/{id}/pause", "{}")
                .send("POST", "/v1/monitors/{id}/resume", "{}")
                .run();
    }
}
