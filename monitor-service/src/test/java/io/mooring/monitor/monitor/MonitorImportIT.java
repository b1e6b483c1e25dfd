package io.mooring.monitor.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.provisioning.AccountPlaced;
import io.mooring.monitor.MovableClockIT;
import io.mooring.testing.ApiClient.Reply;
import jakarta.inject.Inject;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.mooring.testing.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bulk import and the host filter over real HTTP, Postgres, Redis (idempotency keys) and Kafka: a valid batch
 * creates every monitor with its event, a batch with any invalid item creates none and names each failed item.
 */
@MicronautTest(transactional = false)
class MonitorImportIT extends MovableClockIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    JdbcOperations jdbc;

    @BeforeAll
    void patientClient() {
        // a batch of 10,000 takes more than the client's default 10 s on a busy machine
        DefaultHttpClientConfiguration patient = new DefaultHttpClientConfiguration();
        patient.setReadTimeout(Duration.ofSeconds(120));
        api = new ApiClient(HttpClient.create(server.getURL(), patient), null);
    }

    @Test
    void importsAnArrayCreatingEveryMonitorWithItsEvent() {
        String account = UUID.randomUUID().toString();
        Reply imported = importJson("[" + http(account, "web", "https://example.org/") + ", "
                + "{\"accountId\": \"" + account + "\", \"name\": \"nightly\", \"kind\": \"heartbeat\", "
                + "\"intervalSeconds\": 86400, \"graceSeconds\": 600}, "
                + "{\"accountId\": \"" + account + "\", \"name\": \"ssh\", \"kind\": \"tcp\", \"target\": \"127.0.0.1:22\", "
                + "\"intervalSeconds\": 60}]");

        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(imported.tree().get("created").asInt()).isEqualTo(3);
        JsonNode items = imported.tree().get("items");
        assertThat(items.findValuesAsText("index")).containsExactly("0", "1", "2");
        assertThat(items.get(1).get("monitor").get("heartbeatToken").asText()).isNotBlank();
        assertThat(items.get(0).get("monitor").has("heartbeatToken")).isFalse();
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("monitor").get("id").asText()));
        Reply listed = api.as(READ_TOKEN).get("/v1/monitors?accountId=" + account);
        assertThat(listed.tree().get("items").findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(listed.tree().get("items").findValuesAsText("state")).containsOnly("UNKNOWN");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(log.events(Topics.MONITORING, MonitorCreated.class).stream()
                .filter(e -> account.equals(e.accountId())).map(MonitorCreated::monitorId)).containsExactlyInAnyOrderElementsOf(ids));
        // the heartbeat's token checks in like one made by POST /v1/monitors
        String token = items.get(1).get("monitor").get("heartbeatToken").asText();
        assertThat(api.post("/v1/heartbeats/" + token).status()).isEqualTo(200);
        // and counts in the heartbeat's uptime day as a passed check
        String passed = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT checks || '/' || passed FROM monitor_uptime_day_counts WHERE monitor_id = ?", ps -> {
                    ps.setObject(1, UUID.fromString(ids.get(1)));
                    try (ResultSet row = ps.executeQuery()) {
                        return row.next() ? row.getString(1) : null;
                    }
                }));
        assertThat(passed).isEqualTo("1/1");
    }

    @Test
    void refusesABatchWithInvalidItemsNamingEachAndCreatesNothing() {
        String account = UUID.randomUUID().toString();
        String taken = "taken";
        assertThat(importJson("[" + http(account, taken, "https://example.org/") + "]").status()).isEqualTo(201);

        Reply refused = importJson("[" + http(account, "fine", "https://example.org/") + ", "
                + http(account, "bad-target", "ftp://example.org/") + ", "
                + "{\"accountId\": \"" + account + "\", \"name\": \"x\", \"kind\": \"http\", \"target\": \"https://a.example/\", "
                + "\"intervalSeconds\": 60, \"colour\": \"red\"}, "
                + http(account, "nul\\u0000name", "https://example.org/") + ", "
                + http(account, "fine", "https://example.org/other") + ", "
                + http(account, taken, "https://example.org/") + ", "
                + http(account, "a".repeat(10_000), "https://example.org/") + ", "
                + "42, "
                + "{\"accountId\": \"" + account + "\", \"name\": \"slow\", \"kind\": \"http\", \"target\": \"https://a.example/\", "
                + "\"intervalSeconds\": 5}]");

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.tree().get("detail").asText()).startsWith("8 of 9 monitors are invalid");
        assertThat(refused.tree().get("errors").findValuesAsText("field"))
                .contains("[1].target", "[2].colour", "[3].name", "[4].name", "[5].name", "[6].name", "[7]",
                        "[8].intervalSeconds")
                .noneMatch(field -> field.startsWith("[0]"));
        assertThat(names(account)).containsExactly(taken);
    }

    @Test
    void namesAnEmptyTargetAsTheSingleCreateDoes() {
        String account = UUID.randomUUID().toString();
        String item = http(account, "empty", "");
        Reply single = api.as(OPERATOR_TOKEN).post("/v1/monitors", item);
        assertThat(single.status()).as(single.text()).isEqualTo(400);
        JsonNode said = single.tree().get("errors").get(0);
        assertThat(said.get("field").asText()).isEqualTo("target");

        Reply imported = importJson("[" + http(account, "fine", "https://example.org/") + ", " + item + "]");
        assertThat(imported.status()).as(imported.text()).isEqualTo(400);
        JsonNode error = imported.tree().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("[1].target");
        assertThat(error.get("message").asText()).isEqualTo(said.get("message").asText());
        Reply lines = importNdjson(item + "\n");
        assertThat(lines.tree().get("errors").findValuesAsText("field")).containsExactly("line 1: target");

        // without its interval the item is still read, and each field is named
        String partial = "{\"accountId\": \"" + account + "\", \"name\": \"partial\", \"kind\": \"http\", \"target\": \"\"}";
        Reply singlePartial = api.as(OPERATOR_TOKEN).post("/v1/monitors", partial);
        assertThat(singlePartial.status()).as(singlePartial.text()).isEqualTo(400);
        assertThat(singlePartial.tree().get("errors").findValuesAsText("field")).contains("intervalSeconds");
        Reply importedPartial = importJson("[" + partial + "]");
        assertThat(importedPartial.status()).as(importedPartial.text()).isEqualTo(400);
        assertThat(importedPartial.text()).doesNotContain("Error deserializing");
        assertThat(importedPartial.tree().get("errors").findValuesAsText("field")).contains("[0].intervalSeconds");
        assertThat(importedPartial.tree().get("errors").findValuesAsText("message"))
                .contains(singlePartial.tree().get("errors").get(0).get("message").asText());
        assertThat(names(account)).isEmpty();
    }

    @Test
    void importsNdjsonAndNamesTheLinesThatFail() {
        String account = UUID.randomUUID().toString();
        Reply refused = importNdjson(http(account, "one", "https://example.org/") + "\n\n{not json\n"
                + http(account, "two", "not a url") + "\r\n");

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.tree().get("errors").findValuesAsText("field")).containsExactly("line 3", "line 4: target");
        assertThat(names(account)).isEmpty();

        Reply imported = importNdjson(http(account, "one", "https://example.org/") + "\n\n"
                + http(account, "two", "https://example.org/two") + "\n");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(imported.tree().get("items").findValuesAsText("line")).containsExactly("1", "3");
        assertThat(names(account)).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void refusesMalformedAndOversizedBodies() {
        assertThat(importJson("{\"name\": \"not an array\"}").status()).isEqualTo(400);
        assertThat(importJson("[{\"name\": ").status()).isEqualTo(400);
        assertThat(importJson("[]").status()).isEqualTo(400);
        Reply plain = api.as(OPERATOR_TOKEN).send(HttpRequest.POST("/v1/monitors/import", "[]").contentType(MediaType.TEXT_PLAIN));
        assertThat(plain.status()).isEqualTo(415);
        Reply tooMany = importJson(IntStream.range(0, 10_001).mapToObj(i -> "{}").collect(Collectors.joining(",", "[", "]")));
        assertThat(tooMany.status()).as(tooMany.text()).isEqualTo(413);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");
        assertThat(tooMany.tree().get("type").asText()).isEqualTo("urn:mooring:problem:too-many-monitors");
        assertThat(api.as(READ_TOKEN).send(HttpRequest.POST("/v1/monitors/import", "[]")
                .contentType(MediaType.APPLICATION_JSON)).status()).isEqualTo(403);
    }

    @Test
    void replaysAnImportWithTheSameIdempotencyKey() {
        String account = UUID.randomUUID().toString();
        String body = "[" + http(account, "web", "https://example.org/") + "]";
        String key = UUID.randomUUID().toString();
        Reply first = api.as(OPERATOR_TOKEN).send(HttpRequest.POST("/v1/monitors/import", body)
                .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key));
        Reply again = api.as(OPERATOR_TOKEN).send(HttpRequest.POST("/v1/monitors/import", body)
                .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key));
        Reply other = api.as(OPERATOR_TOKEN).send(HttpRequest.POST("/v1/monitors/import",
                "[" + http(account, "api", "https://example.org/api") + "]")
                .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key));

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.tree()).isEqualTo(first.tree());
        assertThat(other.status()).isEqualTo(422);
        assertThat(names(account)).containsExactly("web");
    }

    @Test
    void importsTenThousandMonitorsInOneRequest() {
        String account = UUID.randomUUID().toString();
        String body = IntStream.range(0, 10_000).mapToObj(i -> "{\"accountId\": \"" + account + "\", \"name\": \"m" + i
                + "\", \"kind\": \"tcp\", \"target\": \"127.0.0.1:9\", \"intervalSeconds\": 86400}")
                .collect(Collectors.joining(",", "[", "]"));
        long started = System.nanoTime();
        Reply imported = importJson(body);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(imported.tree().get("created").asInt()).isEqualTo(10_000);
        assertThat(count(account)).isEqualTo(10_000);
        System.out.println("imported 10000 monitors in " + millis + " ms");
    }

    @Test
    void filtersMonitorsByTheHostTheirAccountIsPlacedOn() {
        String placed = UUID.randomUUID().toString();
        String elsewhere = UUID.randomUUID().toString();
        String host = UUID.randomUUID().toString();
        Reply imported = importJson("[" + http(placed, "web", "https://example.org/") + ", "
                + http(placed, "api", "https://example.org/api") + ", " + http(elsewhere, "web", "https://example.org/") + "]");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        log.send(EventEnvelope.of("provisioner", new AccountPlaced(placed, host), Clock.systemUTC()));

        await().atMost(PATIENCE).untilAsserted(() -> {
            Reply page = api.as(READ_TOKEN).get("/v1/monitors?host=" + host + "&limit=1");
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.tree().get("items").findValuesAsText("accountId")).containsExactly(placed);
            Reply next = api.as(READ_TOKEN).get("/v1/monitors?host=" + host + "&limit=1&cursor="
                    + page.tree().get("nextCursor").asText());
            assertThat(next.tree().get("items").findValuesAsText("accountId")).containsExactly(placed);
            assertThat(next.tree().get("nextCursor").isNull()).isTrue();
        });
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?host=" + host + "&state=DOWN").tree().get("items")).isEmpty();
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?host=" + UUID.randomUUID()).tree().get("items")).isEmpty();
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?host=" + "h".repeat(200)).status()).isEqualTo(400);
    }

    private static String http(String account, String name, String target) {
        return "{\"accountId\": \"" + account + "\", \"name\": \"" + name + "\", \"kind\": \"http\", \"target\": \""
                + target + "\", \"intervalSeconds\": 60}";
    }

    private Reply importJson(String body) {
        return api.as(OPERATOR_TOKEN).send(HttpRequest.POST("/v1/monitors/import", body).contentType(MediaType.APPLICATION_JSON));
    }

    private Reply importNdjson(String body) {
        return api.as(OPERATOR_TOKEN).send(HttpRequest.POST("/v1/monitors/import", body)
                .contentType(MediaType.of("application/x-ndjson")));
    }

    private List<String> names(String account) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT name FROM monitor WHERE account_id = ? ORDER BY name", ps -> {
                    ps.setString(1, account);
                    List<String> found = new ArrayList<>();
                    try (ResultSet row = ps.executeQuery()) {
                        while (row.next()) {
                            found.add(row.getString(1));
                        }
                    }
                    return found;
                }));
    }

    private int count(String account) {
        return names(account).size();
    }
}
