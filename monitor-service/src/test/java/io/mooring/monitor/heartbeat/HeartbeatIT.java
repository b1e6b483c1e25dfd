package io.mooring.monitor.heartbeat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.events.Topics;
import io.mooring.events.monitoring.HeartbeatMissed;
import io.mooring.events.monitoring.IncidentOpened;
import io.mooring.events.monitoring.IncidentResolved;
import io.mooring.monitor.MovableClockIT;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.HostileInputSweep;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Heartbeat monitors against real Postgres and Kafka, time moved by the test: check-ins by token
 * (no bearer token), the deadline watch reporting each miss once, recovery by a check-in, the rate
 * limit, paused monitors, and schedules set, changed and taken away by PATCH.
 */
@MicronautTest(transactional = false)
class HeartbeatIT extends MovableClockIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int INTERVAL = 60;
    private static final int GRACE = 30;

    @Inject
    HeartbeatWatch watch;

    @Test
    void aCheckInMakesItUpAMissGoesDownOnceWithAnIncidentAndTheNextCheckInResolvesIt() {
        Created heartbeat = create("nightly-job-" + UUID.randomUUID());
        Reply ping = api.as(null).post("/v1/heartbeats/" + heartbeat.token());
        assertThat(ping.status()).as(ping.text()).isEqualTo(200);
        assertThat(ping.tree().get("state").asText()).isEqualTo("UP");
        Instant checkedIn = clock.instant();
        JsonNode shown = api.as(READ_TOKEN).get("/v1/monitors/" + heartbeat.id()).tree();
        assertThat(shown.get("state").asText()).isEqualTo("UP");
        assertThat(Instant.parse(shown.get("lastCheckInAt").asText())).isEqualTo(checkedIn);
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?kind=heartbeat&limit=200").tree().get("items").findValuesAsText("lastCheckInAt"))
                .contains(shown.get("lastCheckInAt").asText());

        clock.advance(Duration.ofSeconds(INTERVAL + GRACE - 1));
        watch.reportMissed(clock.instant());
        assertThat(state(heartbeat.id())).as("within the grace nothing is missed").isEqualTo("UP");

        clock.advance(Duration.ofSeconds(2));
        await().atMost(PATIENCE).until(() -> state(heartbeat.id()), "DOWN"::equals);
        List<JsonNode> incidents = incidents(heartbeat.id());
        assertThat(incidents).hasSize(1);
        assertThat(incidents.getFirst().get("state").asText()).isEqualTo("open");
        assertThat(incidents.getFirst().get("timeline").get(0).get("message").asText())
                .startsWith("no check-in since " + checkedIn);

        clock.advance(Duration.ofSeconds(INTERVAL * 5));
        watch.reportMissed(clock.instant());
        assertThat(stateChanges(heartbeat.id())).as("a miss is reported once").containsExactly("UNKNOWN>UP", "UP>DOWN");

        Reply again = api.as(null).get("/v1/heartbeats/" + heartbeat.token());
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.tree().get("state").asText()).isEqualTo("UP");
        assertThat(stateChanges(heartbeat.id())).containsExactly("UNKNOWN>UP", "UP>DOWN", "DOWN>UP");
        assertThat(incidents(heartbeat.id())).allMatch(i -> i.get("state").asText().equals("resolved"));

        String monitorId = heartbeat.id().toString();
        String incidentId = incidents.getFirst().get("id").asText();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(log.events(Topics.MONITORING, IncidentResolved.class))
                .filteredOn(e -> e.monitorId().equals(monitorId)).extracting(IncidentResolved::incidentId)
                .containsExactly(incidentId));
        // events of one monitor keep their order: a second miss would have come before the resolution
        assertThat(log.events(Topics.MONITORING, HeartbeatMissed.class)).filteredOn(e -> e.monitorId().equals(monitorId))
                .containsExactly(new HeartbeatMissed(monitorId, checkedIn.atOffset(ZoneOffset.UTC), null));
        assertThat(log.events(Topics.MONITORING, IncidentOpened.class)).filteredOn(e -> e.monitorId().equals(monitorId))
                .extracting(IncidentOpened::incidentId).containsExactly(incidentId);
    }

    @Test
    void aHeartbeatThatNeverChecksInIsMissedOnePeriodAfterItsCreation() {
        Created heartbeat = create("never-" + UUID.randomUUID());
        clock.advance(Duration.ofSeconds(INTERVAL + GRACE + 1));
        await().atMost(PATIENCE).until(() -> state(heartbeat.id()), "DOWN"::equals);
        String monitorId = heartbeat.id().toString();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(log.events(Topics.MONITORING, HeartbeatMissed.class))
                .filteredOn(e -> e.monitorId().equals(monitorId))
                .containsExactly(new HeartbeatMissed(monitorId, null, null)));
    }

    @Test
    void checkInsFasterThanOneASecondAreRefusedWithRetryAfter() {
        Created heartbeat = create("eager-" + UUID.randomUUID());
        assertThat(api.as(null).post("/v1/heartbeats/" + heartbeat.token()).status()).isEqualTo(200);
        Reply refused = api.as(null).post("/v1/heartbeats/" + heartbeat.token());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(api.as(null).post("/v1/heartbeats/" + heartbeat.token()).status()).isEqualTo(200);
    }

    @Test
    void unknownOrMalformedTokensAreNotFound() {
        Reply unknown = api.as(null).post("/v1/heartbeats/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(api.as(null).get("/v1/heartbeats/not!a!token").status()).isEqualTo(404);
        HostileInputSweep.against(server.getURI(), null).get("/v1/heartbeats/{token}").run();
    }

    @Test
    void aPausedHeartbeatRecordsCheckInsButStaysPausedAndIsNeverMissed() {
        Created heartbeat = create("paused-" + UUID.randomUUID());
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors/" + heartbeat.id() + "/pause").status()).isEqualTo(200);

        Reply ping = api.as(null).post("/v1/heartbeats/" + heartbeat.token());
        assertThat(ping.status()).as(ping.text()).isEqualTo(200);
        assertThat(ping.tree().get("state").asText()).isEqualTo("PAUSED");
        clock.advance(Duration.ofSeconds(INTERVAL * 10));
        watch.reportMissed(clock.instant());
        assertThat(state(heartbeat.id())).isEqualTo("PAUSED");
        assertThat(stateChanges(heartbeat.id())).containsExactly("UNKNOWN>PAUSED");

        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors/" + heartbeat.id() + "/resume").status()).isEqualTo(200);
        assertThat(state(heartbeat.id())).isEqualTo("UNKNOWN");
        clock.advance(Duration.ofSeconds(INTERVAL + GRACE + 1));
        await().atMost(PATIENCE).until(() -> state(heartbeat.id()), "DOWN"::equals);
    }

    @Test
    void aScheduledHeartbeatIsDueAtTheNextRunAfterItsCheckInPlusItsGrace() {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "cron-%s", "kind": "heartbeat", "intervalSeconds": 86400, "graceSeconds": 600,
                 "schedule": "0 3 * * *", "timeZone": "Europe/Paris"}""".formatted(UUID.randomUUID()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.tree().get("schedule").asText()).isEqualTo("0 3 * * *");
        assertThat(created.tree().get("timeZone").asText()).isEqualTo("Europe/Paris");
        UUID id = UUID.fromString(created.tree().get("id").asText());
        String token = created.tree().get("heartbeatToken").asText();
        assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + id).tree().get("schedule").asText()).isEqualTo("0 3 * * *");

        assertThat(api.as(null).post("/v1/heartbeats/" + token).status()).isEqualTo(200);
        java.time.ZonedDateTime paris = clock.instant().atZone(java.time.ZoneId.of("Europe/Paris"));
        java.time.ZonedDateTime run = paris.toLocalDate().atTime(3, 0).atZone(paris.getZone());
        Instant nextRun = (run.isAfter(paris) ? run : run.plusDays(1)).toInstant();

        clock.set(nextRun.plusSeconds(600 - 1));
        watch.reportMissed(clock.instant());
        assertThat(state(id)).as("the run is not late before its grace is over").isEqualTo("UP");
        clock.set(nextRun.plusSeconds(600 + 1));
        await().atMost(PATIENCE).until(() -> state(id), "DOWN"::equals);
    }

    @Test
    void refusesSchedulesThatCannotRun() {
        Map<String, String> bad = Map.of(
                "{\"name\": \"a\", \"kind\": \"heartbeat\", \"intervalSeconds\": 60, \"graceSeconds\": 60, \"schedule\": \"61 * * * *\"}", "schedule",
                "{\"name\": \"a\", \"kind\": \"heartbeat\", \"intervalSeconds\": 60, \"graceSeconds\": 60, \"schedule\": \"0 3 * *\"}", "schedule",
                "{\"name\": \"a\", \"kind\": \"heartbeat\", \"intervalSeconds\": 60, \"graceSeconds\": 60, \"schedule\": \"0 0 30 2 *\"}", "schedule",
                "{\"name\": \"a\", \"kind\": \"heartbeat\", \"intervalSeconds\": 60, \"graceSeconds\": 60, \"schedule\": \"0 3 * * *\", \"timeZone\": \"Mars/Olympus\"}", "timeZone",
                "{\"name\": \"a\", \"kind\": \"heartbeat\", \"intervalSeconds\": 60, \"graceSeconds\": 60, \"timeZone\": \"UTC\"}", "timeZone",
                "{\"name\": \"a\", \"kind\": \"tcp\", \"target\": \"127.0.0.1:9\", \"intervalSeconds\": 60, \"schedule\": \"0 3 * * *\"}", "schedule");
        bad.forEach((body, field) -> {
            Reply refused = api.as(OPERATOR_TOKEN).post("/v1/monitors", body);
            assertThat(refused.status()).as(body + " " + refused.text()).isEqualTo(400);
            assertThat(refused.tree().get("errors").get(0).get("field").asText()).as(body).isEqualTo(field);
        });
    }

    @Test
    void aScheduleSetByPatchMovesTheNextExpectedCheckInToItsNextRun() {
        Created heartbeat = create("to-cron-" + UUID.randomUUID());
        assertThat(api.as(null).post("/v1/heartbeats/" + heartbeat.token()).status()).isEqualTo(200);
        Instant checkedIn = clock.instant();
        // a run five to six hours away, so neither the old period nor the grace reaches it
        ZoneId paris = ZoneId.of("Europe/Paris");
        ZonedDateTime now = checkedIn.atZone(paris);
        int hour = (now.getHour() + 6) % 24;
        ZonedDateTime run = now.toLocalDate().atTime(hour, 0).atZone(paris);
        Instant nextRun = (run.isAfter(now) ? run : run.plusDays(1)).toInstant();

        Reply patched = patch(heartbeat.id(), "{\"schedule\": \"0 %d * * *\", \"timeZone\": \"Europe/Paris\"}".formatted(hour));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.tree().get("schedule").asText()).isEqualTo("0 " + hour + " * * *");
        assertThat(patched.tree().get("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(Instant.parse(patched.tree().get("lastCheckInAt").asText())).isEqualTo(checkedIn);

        clock.set(checkedIn.plusSeconds(INTERVAL + GRACE + 1));
        watch.reportMissed(clock.instant());
        assertThat(state(heartbeat.id())).as("the period no longer applies").isEqualTo("UP");
        clock.set(nextRun.plusSeconds(GRACE - 1));
        watch.reportMissed(clock.instant());
        assertThat(state(heartbeat.id())).as("the run is not late before its grace is over").isEqualTo("UP");
        clock.set(nextRun.plusSeconds(GRACE + 1));
        await().atMost(PATIENCE).until(() -> state(heartbeat.id()), "DOWN"::equals);
        assertThat(stateChanges(heartbeat.id())).containsExactly("UNKNOWN>UP", "UP>DOWN");
    }

    @Test
    void aScheduleTakenAwayByPatchMakesTheHeartbeatDueOnePeriodAfterItsCheckIn() {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "from-cron-%s", "kind": "heartbeat", "intervalSeconds": %d, "graceSeconds": %d,
                 "schedule": "0 3 1 1 *", "timeZone": "Europe/Paris"}""".formatted(UUID.randomUUID(), INTERVAL, GRACE));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        UUID id = UUID.fromString(created.tree().get("id").asText());
        assertThat(api.as(null).post("/v1/heartbeats/" + created.tree().get("heartbeatToken").asText()).status()).isEqualTo(200);

        Reply zone = patch(id, "{\"timeZone\": null}");
        assertThat(zone.status()).as(zone.text()).isEqualTo(200);
        assertThat(zone.tree().get("schedule").asText()).as("a time zone alone keeps the schedule").isEqualTo("0 3 1 1 *");
        assertThat(zone.tree().has("timeZone")).as("UTC").isFalse();
        Reply period = patch(id, "{\"schedule\": null}");
        assertThat(period.status()).as(period.text()).isEqualTo(200);
        assertThat(period.tree().has("schedule")).isFalse();
        assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + id).tree().has("schedule")).isFalse();

        clock.advance(Duration.ofSeconds(INTERVAL + GRACE - 1));
        watch.reportMissed(clock.instant());
        assertThat(state(id)).isEqualTo("UP");
        clock.advance(Duration.ofSeconds(2));
        await().atMost(PATIENCE).until(() -> state(id), "DOWN"::equals);
    }

    @Test
    void refusesPatchedSchedulesAsAtCreationAndChangesNothing() {
        Created heartbeat = create("patch-refused-" + UUID.randomUUID());
        Reply tcp = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "tcp-%s", "kind": "tcp", "target": "127.0.0.1:9", "intervalSeconds": 60}""".formatted(UUID.randomUUID()));
        assertThat(tcp.status()).as(tcp.text()).isEqualTo(201);
        UUID probed = UUID.fromString(tcp.tree().get("id").asText());
        JsonNode before = api.as(READ_TOKEN).get("/v1/monitors/" + heartbeat.id()).tree();
        String tenKilobytes = "x".repeat(10_240);
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"schedule\": \"61 * * * *\"}", "schedule");
        bad.put("{\"schedule\": \"0 3 * *\"}", "schedule");
        bad.put("{\"schedule\": \"0 0 30 2 *\"}", "schedule");
        bad.put("{\"schedule\": \"\"}", "schedule");
        bad.put("{\"schedule\": \"0 3 * * *\\u0000\"}", "schedule");
        bad.put("{\"schedule\": \"" + tenKilobytes + "\"}", "schedule");
        bad.put("{\"schedule\": 3}", "schedule");
        bad.put("{\"schedule\": \"0 3 * * *\", \"timeZone\": \"Mars/Olympus\"}", "timeZone");
        bad.put("{\"schedule\": \"0 3 * * *\", \"timeZone\": \"" + tenKilobytes + "\"}", "timeZone");
        bad.put("{\"schedule\": \"0 3 * * *\", \"timeZone\": \"Europe/Par\\u0000is\"}", "timeZone");
        bad.put("{\"timeZone\": \"UTC\"}", "timeZone");
        bad.put("{\"schedule\": null, \"timeZone\": \"UTC\"}", "timeZone");
        bad.forEach((body, field) -> {
            Reply refused = patch(heartbeat.id(), body);
            String shown = body.length() > 100 ? body.substring(0, 100) + "…" : body;
            assertThat(refused.status()).as(shown + " " + refused.text()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.tree().get("errors").get(0).get("field").asText()).as(shown).contains(field);
        });
        for (String body : List.of("{\"schedule\": \"0 3 * * *\"}", "{\"timeZone\": null}", "{\"schedule\": null}")) {
            Reply refused = patch(probed, body);
            assertThat(refused.status()).as(body + " " + refused.text()).isEqualTo(400);
            assertThat(refused.tree().get("errors").get(0).get("field").asText()).as(body).isIn("schedule", "timeZone");
        }

        assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + heartbeat.id()).tree()).as("nothing half-written").isEqualTo(before);
        HostileInputSweep.against(server.getURI(), OPERATOR_TOKEN)
                .send("PATCH", "/v1/monitors/{id}", "{\"schedule\": \"0 3 * * *\", \"timeZone\": \"Europe/Paris\"}")
                .run();
    }

    private Reply patch(UUID id, String body) {
        return api.as(OPERATOR_TOKEN).send(HttpRequest.PATCH("/v1/monitors/" + id, body));
    }

    private record Created(UUID id, String token) {
    }

    private Created create(String name) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "%s", "kind": "heartbeat", "intervalSeconds": %d, "graceSeconds": %d}"""
                .formatted(name, INTERVAL, GRACE));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new Created(UUID.fromString(created.tree().get("id").asText()), created.tree().get("heartbeatToken").asText());
    }

    private String state(UUID id) {
        return api.as(READ_TOKEN).get("/v1/monitors/" + id).tree().get("state").asText();
    }

    private List<String> stateChanges(UUID id) {
        List<String> changes = new ArrayList<>();
        api.as(READ_TOKEN).get("/v1/monitors/" + id + "/states").tree().get("items")
                .forEach(change -> changes.add(change.get("from").asText() + ">" + change.get("to").asText()));
        return changes;
    }

    private List<JsonNode> incidents(UUID id) {
        Reply page = api.as(READ_TOKEN).get("/v1/monitors/" + id + "/incidents?limit=200");
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        page.tree().get("items").forEach(found::add);
        return found;
    }
}
