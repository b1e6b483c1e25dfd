package io.mooring.monitor.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.Topics;
import io.mooring.events.monitoring.IncidentOpened;
import io.mooring.events.monitoring.IncidentResolved;
import io.mooring.events.monitoring.IncidentUpdated;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.monitor.TestServers;
import io.mooring.monitor.state.CheckStatus;
import io.mooring.monitor.state.CheckStatuses;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.EventTopics;
import io.mooring.testing.MovableClock;
import io.mooring.testing.OutboxContract;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real HTTP target that the test turns healthy or failing, real Postgres and Kafka, and time
 * moved by the test: a blip changes nothing, two failures make the monitor DOWN with an incident,
 * recovery resolves it, and a flapping monitor keeps one incident open, each flap an {@code IncidentUpdated}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentIT implements TestPropertyProvider {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;
    @Inject
    CheckStatuses statuses;
    @Inject
    TransactionOperations<Connection> transactions;

    private ApiClient api;
    private EventTopics log;
    private HttpServer target;
    /** The status each path answers with; 200 unless set. */
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("test.clock", "movable");
        properties.put("mooring.scheduler.tick", "50ms");
        return properties;
    }

    @BeforeAll
    void start() throws IOException {
        // whole milliseconds: Postgres keeps microseconds, rounded, so check times compare exactly
        clock.set(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        api = new ApiClient(HttpClient.create(server.getURL()), null);
        log = new EventTopics();
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", exchange -> {
            int status = answers.getOrDefault(exchange.getRequestURI().getPath(), 200);
            byte[] body = (status == 200 ? "ok" : "failing").getBytes();
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();
    }

    @AfterAll
    void stop() {
        target.stop(0);
        log.close();
    }

    @AfterAll
    void everyEventWrittenToTheOutboxDecodesThroughTheContract() {
        int checked = transactions.executeRead(status -> OutboxContract.assertEveryEventDecodes(status.getConnection()));
        assertThat(checked).isPositive();
    }

    @Test
    void opensAnIncidentAfterTwoFailuresAndResolvesItOnRecovery() {
        String path = "/web-" + UUID.randomUUID();
        UUID id = create(path, 2);
        check(id);
        assertThat(state(id)).isEqualTo("UP");

        answers.put(path, 503);
        check(id);
        assertThat(state(id)).as("one failed check is a blip").isEqualTo("UP");
        assertThat(incidents(id)).isEmpty();
        check(id);
        assertThat(state(id)).isEqualTo("DOWN");
        JsonNode lastCheck = api.as(READ_TOKEN).get("/v1/monitors/" + id).tree().get("lastCheck");
        assertThat(lastCheck.get("outcome").asText()).isEqualTo("DOWN");
        assertThat(lastCheck.get("reason").asText()).startsWith("HTTP 503");
        assertThat(lastCheck.get("consecutiveFailures").asInt()).isEqualTo(2);
        List<JsonNode> open = incidents(id);
        assertThat(open).hasSize(1);
        JsonNode incident = open.getFirst();
        assertThat(incident.get("state").asText()).isEqualTo("open");
        assertThat(incident.get("title").asText()).isEqualTo(path + " is down");
        assertThat(incident.get("timeline").get(0).get("kind").asText()).isEqualTo("opened");
        assertThat(incident.get("timeline").get(0).get("message").asText()).contains("HTTP 503");
        String incidentId = incident.get("id").asText();
        assertThat(api.as(READ_TOKEN).get("/v1/incidents?state=open&limit=200").text()).contains(incidentId);

        answers.put(path, 200);
        check(id);
        assertThat(state(id)).isEqualTo("UP");
        JsonNode resolved = api.as(READ_TOKEN).get("/v1/incidents/" + incidentId).tree();
        assertThat(resolved.get("state").asText()).isEqualTo("resolved");
        assertThat(resolved.get("timeline").findValuesAsText("kind")).containsExactly("opened", "resolved");
        assertThat(api.as(READ_TOKEN).get("/v1/incidents?state=open&limit=200").text()).doesNotContain(incidentId);

        JsonNode states = api.as(READ_TOKEN).get("/v1/monitors/" + id + "/states").tree().get("items");
        List<String> changes = new ArrayList<>();
        states.forEach(change -> changes.add(change.get("from").asText() + ">" + change.get("to").asText()));
        assertThat(changes).containsExactly("UNKNOWN>UP", "UP>DOWN", "DOWN>UP");
        assertThat(states.get(1).get("reason").asText()).startsWith("HTTP 503");

        String monitorId = id.toString();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(log.events(Topics.MONITORING, MonitorStateChanged.class)).filteredOn(e -> e.monitorId().equals(monitorId))
                    .extracting(e -> e.from() + ">" + e.to()).containsExactly("UNKNOWN>UP", "UP>DOWN", "DOWN>UP");
            assertThat(log.events(Topics.MONITORING, IncidentOpened.class)).filteredOn(e -> e.monitorId().equals(monitorId))
                    .containsExactly(new IncidentOpened(monitorId, incidentId, path + " is down", "major", null));
            assertThat(log.events(Topics.MONITORING, IncidentResolved.class)).filteredOn(e -> e.monitorId().equals(monitorId))
                    .containsExactly(new IncidentResolved(monitorId, incidentId, INTERVAL.toSeconds(), null));
        });
        assertThat(log.events(Topics.MONITORING, IncidentUpdated.class)).as("opened and resolved are not updates")
                .noneMatch(e -> e.monitorId().equals(monitorId));
    }

    @Test
    void aFlappingMonitorKeepsOneIncidentOpenUntilItIsStable() {
        String path = "/flaky-" + UUID.randomUUID();
        UUID id = create(path, 1);
        for (int i = 0; i < 12; i++) {
            answers.put(path, i % 2 == 0 ? 200 : 503);
            check(id);
        }
        List<JsonNode> during = incidents(id);
        // flapping is detected at the fifth change: the incidents before it, then one kept open
        assertThat(during).hasSize(3);
        assertThat(during).filteredOn(i -> i.get("state").asText().equals("open")).hasSize(1);
        assertThat(during.getLast().get("timeline").findValuesAsText("kind")).contains("flapping");

        answers.put(path, 200);
        check(id);
        // the changes age out of the flapping window (20 intervals): the next passed check closes it
        clock.advance(INTERVAL.multipliedBy(20));
        check(id);
        assertThat(incidents(id)).allMatch(i -> i.get("state").asText().equals("resolved"));
        assertThat(incidents(id).getLast().get("timeline").findValuesAsText("message")).anyMatch(m -> m.startsWith("stable again"));

        // each flap within the kept incident is an IncidentUpdated: down again (state-changed), answering (flapping)
        List<IncidentUpdated> expected = incidents(id).stream().flatMap(i -> IncidentUpdates.expected(i).stream()).toList();
        assertThat(expected).extracting(IncidentUpdated::kind).contains("state-changed", "flapping")
                .containsOnly("state-changed", "flapping");
        assertThat(expected).filteredOn(e -> e.kind().equals("state-changed"))
                .allMatch(e -> e.message().startsWith("down again: HTTP 503") && e.openSeconds() > 0);
        String monitorId = id.toString();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(log.events(Topics.MONITORING, IncidentUpdated.class))
                .filteredOn(e -> e.monitorId().equals(monitorId)).containsExactlyElementsOf(expected));
    }

    @Test
    void deletingAMonitorResolvesItsOpenIncident() {
        String path = "/gone-" + UUID.randomUUID();
        answers.put(path, 500);
        UUID id = create(path, 1);
        check(id);
        String incidentId = incidents(id).getFirst().get("id").asText();

        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/monitors/" + id).status()).isEqualTo(204);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(log.events(Topics.MONITORING, IncidentResolved.class))
                .filteredOn(e -> e.incidentId().equals(incidentId)).hasSize(1));
    }

    @Test
    void refusesUnknownIncidentsAndBadFilters() {
        assertThat(api.as(READ_TOKEN).get("/v1/incidents/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + UUID.randomUUID() + "/incidents").status()).isEqualTo(404);
        Reply bad = api.as(READ_TOKEN).get("/v1/incidents?state=sleeping");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.text()).contains("state");
        assertThat(api.as(null).get("/v1/incidents").status()).isEqualTo(401);
        io.mooring.testing.HostileInputSweep.against(server.getURI(), OPERATOR_TOKEN)
                .get("/v1/incidents", "state", "limit", "cursor")
                .get("/v1/incidents/{id}")
                .get("/v1/monitors/{id}/incidents", "state", "limit", "cursor")
                .run();
    }

    /** Moves time one interval on and waits until the monitor's check of that slot is recorded. */
    private void check(UUID id) {
        clock.advance(INTERVAL);
        await().atMost(PATIENCE).until(() -> statuses.find(id).map(CheckStatus::checkedAt),
                checked -> checked.equals(Optional.of(clock.instant())));
    }

    private String state(UUID id) {
        return api.as(READ_TOKEN).get("/v1/monitors/" + id).tree().get("state").asText();
    }

    private List<JsonNode> incidents(UUID id) {
        Reply page = api.as(READ_TOKEN).get("/v1/monitors/" + id + "/incidents?limit=200");
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        page.tree().get("items").forEach(found::add);
        return found;
    }

    private UUID create(String path, int failureThreshold) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "%s", "kind": "http", "target": "http://127.0.0.1:%d%s", "intervalSeconds": 10,
                 "timeoutSeconds": 5, "failureThreshold": %d}"""
                .formatted(path, target.getAddress().getPort(), path, failureThreshold));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return UUID.fromString(created.tree().get("id").asText());
    }
}
