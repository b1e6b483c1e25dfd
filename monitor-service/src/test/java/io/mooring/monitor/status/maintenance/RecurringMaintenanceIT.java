package io.mooring.monitor.status.maintenance;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.events.Topics;
import io.mooring.events.monitoring.IncidentOpened;
import io.mooring.events.monitoring.MaintenanceEnded;
import io.mooring.events.monitoring.MaintenanceStarted;
import io.mooring.monitor.MovableClockIT;
import io.mooring.testing.ApiClient.Reply;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recurring maintenance windows on real Postgres, Kafka and checks of a real HTTP server, time moved by the test:
 * each occurrence is started and ended once (also when claimers race), a monitor still DOWN when the window ends
 * opens its incident then, and windows can be changed and ended early.
 */
@MicronautTest(transactional = false)
class RecurringMaintenanceIT extends MovableClockIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Inject
    MaintenanceOccurrences occurrences;

    private HttpServer target;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("mooring.scheduler.tick", "50ms", "mooring.maintenance.check-interval", "100ms");
    }

    @BeforeAll
    void startTarget() throws IOException {
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
    void stopTarget() {
        target.stop(0);
    }

    @Test
    void startsAndEndsEachOccurrenceOnceAndOpensTheIncidentOfAMonitorStillDown() {
        String monitor = createMonitor("/down-recurring");
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/maintenance", """
                {"title": "Nightly vacuum", "schedule": "0 3 * * *", "timeZone": "Europe/Paris", "durationMinutes": 30,
                 "monitorIds": ["%s"]}""".formatted(monitor));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String window = created.tree().get("id").asText();
        assertThat(created.tree().get("schedule").asText()).isEqualTo("0 3 * * *");
        assertThat(created.tree().get("durationMinutes").asInt()).isEqualTo(30);
        Instant startsAt = Instant.parse(created.tree().get("startsAt").asText());
        Instant endsAt = Instant.parse(created.tree().get("endsAt").asText());
        assertThat(Duration.between(startsAt, endsAt)).isEqualTo(Duration.ofMinutes(30));
        assertThat(startsAt.atZone(java.time.ZoneId.of("Europe/Paris")).getHour()).isEqualTo(3);

        if (startsAt.isAfter(clock.instant())) {
            clock.set(startsAt);
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(started(window)).hasSize(1));
        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(state(monitor)).isEqualTo("DOWN"));
        assertThat(openIncidents(monitor)).isZero();
        assertThat(api.as(READ_TOKEN).get("/v1/maintenance/" + window).tree().get("phase").asText()).isEqualTo("under-way");

        clock.set(endsAt);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(ended(window)).hasSize(1);
            assertThat(openIncidents(monitor)).isEqualTo(1);
        });
        assertThat(log.events(Topics.MONITORING, IncidentOpened.class)).anyMatch(e -> e.monitorId().equals(monitor));
        Reply next = api.as(READ_TOKEN).get("/v1/maintenance/" + window);
        assertThat(next.tree().get("phase").asText()).isEqualTo("ahead");
        assertThat(Instant.parse(next.tree().get("startsAt").asText())).isEqualTo(startsAt.plus(Duration.ofDays(1)));
        assertThat(started(window)).hasSize(1);
        assertThat(ended(window).getFirst().startsAt().toInstant()).isEqualTo(startsAt);
    }

    @Test
    void racingClaimersStartAndEndAnOccurrenceOnce() {
        String monitor = createMonitor("/up");
        Instant start = clock.instant().plus(Duration.ofMinutes(1));
        Reply created = plan(start, start.plus(Duration.ofMinutes(5)), monitor);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String window = created.tree().get("id").asText();

        race(start.plusSeconds(1));
        race(start.plus(Duration.ofMinutes(5)));
        clock.set(start.plus(Duration.ofMinutes(6)));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(started(window)).hasSize(1);
            assertThat(ended(window)).hasSize(1);
        });
        assertThat(api.as(READ_TOKEN).get("/v1/maintenance/" + window).tree().get("phase").asText()).isEqualTo("over");
    }

    @Test
    void changesAWindowAheadButNotTheTimingOfOneUnderWay() {
        String monitor = createMonitor("/up");
        String other = createMonitor("/up");
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/maintenance", """
                {"title": "Backups", "schedule": "0 4 * * 0", "durationMinutes": 60, "monitorIds": ["%s"]}""".formatted(monitor));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String window = created.tree().get("id").asText();

        Reply changed = patch(window, "{\"title\": \"Weekly backups\", \"schedule\": \"30 5 * * 6\", \"monitorIds\": [\"" + other + "\"]}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.tree().get("title").asText()).isEqualTo("Weekly backups");
        assertThat(changed.tree().get("durationMinutes").asInt()).isEqualTo(60);
        Instant startsAt = Instant.parse(changed.tree().get("startsAt").asText());
        assertThat(startsAt.atZone(java.time.ZoneOffset.UTC).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SATURDAY);
        assertThat(changed.tree().get("monitorIds").get(0).asText()).isEqualTo(other);
        assertThat(api.as(READ_TOKEN).get("/v1/maintenance/" + window).tree().get("monitorIds").get(0).asText()).isEqualTo(other);
        assertThat(patch(window, "{\"startsAt\": \"2099-01-01T00:00:00Z\"}").status()).isEqualTo(400);
        assertThat(patch(window, "{\"schedule\": \"61 * * * *\"}").text()).contains("\"field\":\"schedule\"");
        assertThat(patch(UUID.randomUUID().toString(), "{\"title\": \"x\"}").status()).isEqualTo(404);

        Instant now = clock.instant();
        Reply once = plan(now, now.plus(Duration.ofHours(1)), monitor);
        String underWay = once.tree().get("id").asText();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(started(underWay)).hasSize(1));
        Reply refused = patch(underWay, "{\"endsAt\": \"" + now.plus(Duration.ofHours(2)) + "\"}");
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(patch(underWay, "{\"title\": \"Longer work\"}").status()).isEqualTo(200);

        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/maintenance/" + underWay).status()).isEqualTo(204);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ended(underWay)).hasSize(1));
        assertThat(ended(underWay).getFirst().title()).isEqualTo("Longer work");
    }

    @Test
    void endsAtItsEndDateAndRecursAgainOnceItIsClearedByPatch() {
        String monitor = createMonitor("/up");
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/maintenance", """
                {"title": "Migration nights", "schedule": "0 3 * * *", "durationMinutes": 30, "monitorIds": ["%s"]}"""
                .formatted(monitor));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.tree().has("until")).isFalse();
        String window = created.tree().get("id").asText();
        Instant startsAt = Instant.parse(created.tree().get("startsAt").asText());

        Reply refused = patch(window, "{\"until\": \"" + startsAt + "\"}");
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.text()).contains("\"field\":\"until\"");
        assertThat(patch(window, "{\"until\": \"next week\"}").text()).contains("\"field\":\"until\"");
        // one run only: the next one starts at the end date
        Instant until = startsAt.plus(Duration.ofDays(1));
        Reply limited = patch(window, "{\"until\": \"" + until + "\"}");
        assertThat(limited.status()).as(limited.text()).isEqualTo(200);
        assertThat(Instant.parse(limited.tree().get("until").asText())).isEqualTo(until);
        assertThat(Instant.parse(api.as(READ_TOKEN).get("/v1/maintenance/" + window).tree().get("until").asText()))
                .isEqualTo(until);

        if (startsAt.isAfter(clock.instant())) {
            clock.set(startsAt);
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(started(window)).hasSize(1));
        clock.set(startsAt.plus(Duration.ofMinutes(30)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ended(window)).hasSize(1));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.as(READ_TOKEN).get("/v1/maintenance/" + window).tree().get("phase").asText()).isEqualTo("over"));

        Reply cleared = patch(window, "{\"until\": null}");
        assertThat(cleared.status()).as(cleared.text()).isEqualTo(200);
        assertThat(cleared.tree().has("until")).isFalse();
        assertThat(cleared.tree().get("phase").asText()).isEqualTo("ahead");
        assertThat(Instant.parse(cleared.tree().get("startsAt").asText())).isEqualTo(until);
        clock.set(until);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(started(window)).hasSize(2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"title\": \"t\", \"schedule\": \"not cron\", \"durationMinutes\": 10, \"monitorIds\": [\"%s\"]}|schedule",
            "{\"title\": \"t\", \"schedule\": \"0 3 * * *\", \"timeZone\": \"Mars/Base\", \"durationMinutes\": 10, \"monitorIds\": [\"%s\"]}|timeZone",
            "{\"title\": \"t\", \"schedule\": \"0 3 * * *\", \"monitorIds\": [\"%s\"]}|durationMinutes",
            "{\"title\": \"t\", \"durationMinutes\": 10, \"monitorIds\": [\"%s\"]}|schedule",
            "{\"title\": \"t\", \"schedule\": \"0 3 * * *\", \"durationMinutes\": 0, \"monitorIds\": [\"%s\"]}|durationMinutes",
            "{\"title\": \"t\", \"schedule\": \"0 3 * * *\", \"durationMinutes\": 10, \"startsAt\": \"2099-01-01T00:00:00Z\", \"monitorIds\": [\"%s\"]}|startsAt",
            "{\"title\": \"t\", \"monitorIds\": [\"%s\"]}|startsAt",
            "{\"title\": \"t\", \"schedule\": \"0 3 * * *\", \"durationMinutes\": 10, \"until\": \"soon\", \"monitorIds\": [\"%s\"]}|until",
            "{\"title\": \"t\", \"schedule\": \"0 3 * * *\", \"durationMinutes\": 10, \"until\": \"2000-01-01T00:00:00Z\", \"monitorIds\": [\"%s\"]}|until",
            "{\"title\": \"t\", \"startsAt\": \"2099-01-01T00:00:00Z\", \"endsAt\": \"2099-01-01T01:00:00Z\", \"until\": \"2099-02-01T00:00:00Z\", \"monitorIds\": [\"%s\"]}|until",
    })
    void refusesBadRecurringWindowsNamingTheField(String body, String field) {
        String monitor = createMonitor("/up");
        Reply refused = api.as(OPERATOR_TOKEN).post("/v1/maintenance", body.replace("%s", monitor));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text()).contains("\"field\":\"" + field + "\"");
    }

    private void race(Instant at) {
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> occurrences.advance(at));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> occurrences.advance(at));
        CompletableFuture.allOf(first, second).join();
    }

    private List<MaintenanceStarted> started(String window) {
        return log.events(Topics.MONITORING, MaintenanceStarted.class).stream().filter(e -> e.windowId().equals(window)).toList();
    }

    private List<MaintenanceEnded> ended(String window) {
        return log.events(Topics.MONITORING, MaintenanceEnded.class).stream().filter(e -> e.windowId().equals(window)).toList();
    }

    private Reply patch(String window, String body) {
        return api.as(OPERATOR_TOKEN).send(HttpRequest.PATCH("/v1/maintenance/" + window, body));
    }

    private Reply plan(Instant start, Instant end, String monitor) {
        return api.as(OPERATOR_TOKEN).post("/v1/maintenance", """
                {"title": "Network work", "startsAt": "%s", "endsAt": "%s", "monitorIds": ["%s"]}"""
                .formatted(start, end, monitor));
    }

    private String state(String monitor) {
        return api.as(READ_TOKEN).get("/v1/monitors/" + monitor).tree().get("state").asText();
    }

    private int openIncidents(String monitor) {
        return api.as(READ_TOKEN).get("/v1/monitors/" + monitor + "/incidents?state=open").tree().get("items").size();
    }

    private String createMonitor(String path) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "m-%s", "kind": "http", "target": "http://127.0.0.1:%d%s", "intervalSeconds": %d,
                 "failureThreshold": 1}""".formatted(UUID.randomUUID(), target.getAddress().getPort(), path, INTERVAL.toSeconds()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.tree().get("id").asText();
    }
}
