package io.mooring.monitor.status.maintenance;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.monitor.TestServers;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.HostileInputSweep;
import io.mooring.testing.MovableClock;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Maintenance windows over real HTTP and Postgres, with real checks (time moved by the test): a
 * monitor going down inside its window opens no incident, and the status page shows windows of
 * public monitors only.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaintenanceIT implements TestPropertyProvider {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;

    private ApiClient api;
    private HttpServer target;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("test.clock", "movable");
        properties.put("mooring.scheduler.tick", "50ms");
        return properties;
    }

    @BeforeAll
    void start() throws IOException {
        api = new ApiClient(HttpClient.create(server.getURL()), null);
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", exchange -> {
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/down") ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();
    }

    @AfterAll
    void stop() {
        target.stop(0);
    }

    @Test
    void plansShowsListsAndDeletesAWindow() {
        String monitor = createMonitor("/up");
        Instant start = clock.instant().plus(Duration.ofHours(1));
        Reply created = plan("Database upgrade", start, start.plus(Duration.ofHours(2)), monitor);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.tree().get("id").asText();
        assertThat(created.location()).contains("/v1/maintenance/" + id);
        assertThat(created.tree().get("monitorIds").get(0).asText()).isEqualTo(monitor);
        assertThat(Instant.parse(created.tree().get("startsAt").asText())).isEqualTo(start);

        assertThat(api.as(READ_TOKEN).get("/v1/maintenance/" + id).tree().get("title").asText()).isEqualTo("Database upgrade");
        Reply listed = api.as(READ_TOKEN).get("/v1/maintenance?limit=200");
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.tree().get("items").findValuesAsText("id")).contains(id);
        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/maintenance/" + id).status()).isEqualTo(204);
        assertThat(api.as(READ_TOKEN).get("/v1/maintenance/" + id).status()).isEqualTo(404);
        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/maintenance/" + id).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"title\": \"t\", \"startsAt\": \"tomorrow\", \"endsAt\": \"2099-01-01T01:00:00Z\", \"monitorIds\": [\"%s\"]}|startsAt",
            "{\"title\": \"t\", \"startsAt\": \"2099-01-01T02:00:00Z\", \"endsAt\": \"2099-01-01T01:00:00Z\", \"monitorIds\": [\"%s\"]}|endsAt",
            "{\"title\": \"t\", \"startsAt\": \"2099-01-01T00:00:00Z\", \"endsAt\": \"2099-03-01T00:00:00Z\", \"monitorIds\": [\"%s\"]}|endsAt",
            "{\"title\": \"t\", \"startsAt\": \"2000-01-01T00:00:00Z\", \"endsAt\": \"2000-01-01T01:00:00Z\", \"monitorIds\": [\"%s\"]}|endsAt",
            "{\"title\": \"\", \"startsAt\": \"2099-01-01T00:00:00Z\", \"endsAt\": \"2099-01-01T01:00:00Z\", \"monitorIds\": [\"%s\"]}|title",
            "{\"title\": \"t\", \"startsAt\": \"2099-01-01T00:00:00Z\", \"endsAt\": \"2099-01-01T01:00:00Z\", \"monitorIds\": []}|monitorIds",
            "{\"title\": \"t\", \"startsAt\": \"2099-01-01T00:00:00Z\", \"endsAt\": \"2099-01-01T01:00:00Z\", \"monitorIds\": [\"%s\", \"nope\"]}|monitorIds[1]",
            "{\"title\": \"t\", \"startsAt\": \"2099-01-01T00:00:00Z\", \"endsAt\": \"2099-01-01T01:00:00Z\", \"monitorIds\": [\"00000000-0000-0000-0000-000000000001\"]}|monitorIds[0]",
    })
    void refusesBadWindowsNamingTheField(String body, String field) {
        String monitor = createMonitor("/up");
        Reply refused = api.as(OPERATOR_TOKEN).post("/v1/maintenance", body.replace("%s", monitor));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text()).contains("\"field\":\"" + field + "\"");
    }

    @Test
    void aMonitorGoingDownInItsWindowOpensNoIncidentWhileOneOutsideDoes() {
        String maintained = createMonitor("/down-maintained");
        String unattended = createMonitor("/down-unattended");
        Instant now = clock.instant();
        assertThat(plan("Network work", now, now.plus(Duration.ofHours(1)), maintained).status()).isEqualTo(201);

        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(state(maintained)).isEqualTo("DOWN");
            assertThat(state(unattended)).isEqualTo("DOWN");
            assertThat(openIncidents(unattended)).isEqualTo(1);
        });
        // both went DOWN in the same round: the unattended one's incident shows that round is over
        assertThat(openIncidents(maintained)).isZero();
    }

    @Test
    void showsWindowsOfPublicMonitorsOnTheStatusPageOnly() {
        String shown = createMonitor("/up");
        String hidden = createMonitor("/up");
        Reply group = api.as(OPERATOR_TOKEN).post("/v1/groups", "{\"name\": \"edge " + UUID.randomUUID() + "\", \"public\": true}");
        assertThat(group.status()).isEqualTo(201);
        assertThat(api.as(OPERATOR_TOKEN).put("/v1/groups/" + group.tree().get("id").asText() + "/monitors/" + shown, "")
                .status()).isEqualTo(204);
        Instant start = clock.instant().plus(Duration.ofDays(1));
        String publicTitle = "Edge <router> swap " + UUID.randomUUID();
        String privateTitle = "Tenant db move " + UUID.randomUUID();
        assertThat(plan(publicTitle, start, start.plus(Duration.ofHours(1)), shown, hidden).status()).isEqualTo(201);
        assertThat(plan(privateTitle, start, start.plus(Duration.ofHours(1)), hidden).status()).isEqualTo(201);

        Document page = Jsoup.parse(api.as(null).get("/status").text());
        assertThat(page.select("#maintenance li strong").eachText()).contains(publicTitle).doesNotContain(privateTitle);
        Reply json = api.as(null).get("/status.json");
        assertThat(json.text()).doesNotContain(privateTitle).doesNotContain(hidden);
        assertThat(json.tree().get("maintenance").findValuesAsText("title")).contains(publicTitle);
    }

    @Test
    void refusesHostileInputWithA4xxProblem() {
        String monitor = createMonitor("/up");
        HostileInputSweep.against(server.getURI(), OPERATOR_TOKEN)
                .get("/v1/maintenance", "limit", "cursor")
                .get("/v1/maintenance/{id}")
                .send("POST", "/v1/maintenance", """
                        {"title": "t", "description": "d", "startsAt": "2099-01-01T00:00:00Z",
                         "endsAt": "2099-01-01T01:00:00Z", "monitorIds": ["%s"]}""".formatted(monitor))
                .run();
    }

    private Reply plan(String title, Instant start, Instant end, String... monitors) {
        return api.as(OPERATOR_TOKEN).post("/v1/maintenance", """
                {"title": "%s", "startsAt": "%s", "endsAt": "%s", "monitorIds": ["%s"]}"""
                .formatted(title, start, end, String.join("\", \"", monitors)));
    }

    private String state(String monitor) {
        return api.as(READ_TOKEN).get("/v1/monitors/" + monitor).tree().get("state").asText();
    }

    private int openIncidents(String monitor) {
        return api.as(READ_TOKEN).get("/v1/monitors/" + monitor + "/incidents?state=open").tree().get("items").size();
    }

    private String createMonitor(String path) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "m-%s", "kind": "http", "target": "http://127.0.0.1:%d%s", "intervalSeconds": 10,
                 "failureThreshold": 1}""".formatted(UUID.randomUUID(), target.getAddress().getPort(), path));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.tree().get("id").asText();
    }
}
