package io.mooring.monitor.incident;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.Topics;
import io.mooring.events.monitoring.IncidentReminded;
import io.mooring.monitor.TestServers;
import io.mooring.monitor.state.CheckStatus;
import io.mooring.monitor.state.CheckStatuses;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.EventTopics;
import io.mooring.testing.MovableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reminders of an open incident on real Postgres and Kafka, time moved by the test: one each
 * reminder interval while the incident is open, sent once however many claim them at the same time.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReminderIT implements TestPropertyProvider {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;
    @Inject
    CheckStatuses statuses;
    @Inject
    IncidentReminders reminders;

    private ApiClient api;
    private EventTopics log;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("test.clock", "movable");
        properties.put("mooring.scheduler.tick", "50ms");
        properties.put("mooring.incidents.reminder-interval", "1h");
        properties.put("mooring.incidents.reminder-check-interval", "100ms");
        return properties;
    }

    @BeforeAll
    void start() {
        clock.set(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        api = new ApiClient(HttpClient.create(server.getURL()), null);
        log = new EventTopics();
    }

    @AfterAll
    void stop() {
        log.close();
    }

    @Test
    void anOpenIncidentIsRemindedEachIntervalOnceAndNoLongerOnceResolved() throws Exception {
        UUID id = create();
        check(id);
        JsonNode incident = incidents(id).getFirst();
        String incidentId = incident.get("id").asText();
        assertThat(incident.get("state").asText()).isEqualTo("open");

        clock.advance(Duration.ofMinutes(59));
        assertThat(reminders.remindDue(clock.instant())).as("not due before an hour").isZero();

        // due now: the service's own loop and two more claimers race for it; one reminder is sent
        clock.advance(Duration.ofMinutes(1));
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> claim = () -> reminders.remindDue(clock.instant());
            List<Future<Integer>> claims = racers.invokeAll(List.of(claim, claim));
            for (Future<Integer> done : claims) {
                done.get();
            }
        } finally {
            racers.shutdown();
        }
        await().atMost(PATIENCE).until(() -> reminderEntries(incidentId).size() == 1);
        assertThat(reminderEntries(incidentId).getFirst()).isEqualTo("still open after 1h");

        clock.advance(Duration.ofMinutes(30));
        assertThat(reminders.remindDue(clock.instant())).as("the next one is an hour after the last").isZero();
        clock.advance(Duration.ofMinutes(30));
        await().atMost(PATIENCE).until(() -> reminderEntries(incidentId).size() == 2);

        String monitorId = id.toString();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(log.events(Topics.MONITORING, IncidentReminded.class)).filteredOn(e -> e.incidentId().equals(incidentId))
                        .containsExactly(new IncidentReminded(monitorId, incidentId, "reminded is down", 3_600, null),
                                new IncidentReminded(monitorId, incidentId, "reminded is down", 7_200, null)));

        // resolved: no more reminders
        try (ServerSocket listening = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Reply patched = api.as(OPERATOR_TOKEN).send(io.micronaut.http.HttpRequest.PATCH("/v1/monitors/" + id,
                    "{\"target\": \"127.0.0.1:" + listening.getLocalPort() + "\"}"));
            assertThat(patched.status()).as(patched.text()).isEqualTo(200);
            check(id);
        }
        assertThat(incidents(id).getFirst().get("state").asText()).isEqualTo("resolved");
        clock.advance(Duration.ofHours(2));
        assertThat(reminders.remindDue(clock.instant())).isZero();
        assertThat(reminderEntries(incidentId)).hasSize(2);
    }

    private List<String> reminderEntries(String incidentId) {
        Reply answer = api.as(READ_TOKEN).get("/v1/incidents/" + incidentId);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<String> found = new java.util.ArrayList<>();
        answer.tree().get("timeline").forEach(entry -> {
            if (entry.get("kind").asText().equals("reminder")) {
                found.add(entry.get("message").asText());
            }
        });
        return found;
    }

    private void check(UUID id) {
        clock.advance(INTERVAL);
        await().atMost(PATIENCE).until(() -> statuses.find(id).map(CheckStatus::checkedAt),
                checked -> checked.equals(Optional.of(clock.instant())));
    }

    private List<JsonNode> incidents(UUID id) {
        Reply page = api.as(READ_TOKEN).get("/v1/monitors/" + id + "/incidents?limit=200");
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        List<JsonNode> found = new java.util.ArrayList<>();
        page.tree().get("items").forEach(found::add);
        return found;
    }

    private UUID create() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "reminded", "kind": "tcp", "target": "127.0.0.1:%d", "intervalSeconds": 10,
                 "timeoutSeconds": 5, "failureThreshold": 1}""".formatted(closed));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return UUID.fromString(created.tree().get("id").asText());
    }
}
