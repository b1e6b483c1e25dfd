package io.mooring.monitor.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupPolicyDeleted;
import io.mooring.events.backups.BackupPolicyPaused;
import io.mooring.events.backups.BackupPolicyResumed;
import io.mooring.events.backups.BackupPolicyUpdated;
import io.mooring.events.backups.BackupRetention;
import io.mooring.events.backups.BackupRunSucceeded;
import io.mooring.events.backups.BackupTarget;
import io.mooring.events.monitoring.HeartbeatMissed;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.monitor.MovableClockIT;
import io.mooring.monitor.account.RetiredBackupHeartbeats;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.ContractSamples;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Backup freshness from mooring.backups: real Kafka, real Postgres, the service's own consumer, time moved by the test. */
@MicronautTest(transactional = false)
class BackupHeartbeatIT extends MovableClockIT {
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final String SHA = "a".repeat(64);

    @Inject
    RetiredBackupHeartbeats retired;
    @Inject
    JdbcOperations jdbc;

    @Test
    void aPolicyGetsAHeartbeatThatItsRunsFeedAndAMissedBackupRaisesAnIncident() {
        String accountId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        EventEnvelope created = send(new BackupPolicyCreated(policyId, accountId, new BackupTarget("account", "harbour"),
                "0 3 * * *", 7));
        send(created);

        JsonNode monitor = awaitMonitor(accountId);
        String id = monitor.get("id").asText();
        assertThat(monitor.get("name").asText()).isEqualTo("harbour backup");
        assertThat(monitor.get("kind").asText()).isEqualTo("heartbeat");
        assertThat(monitor.get("intervalSeconds").asInt()).isEqualTo(86_400);
        assertThat(monitor.get("graceSeconds").asInt()).isEqualTo(7_200);
        assertThat(monitor.get("state").asText()).isEqualTo("UNKNOWN");
        assertThat(monitor.has("heartbeatToken")).isFalse();

        send(new BackupRunSucceeded(policyId, "run-1", accountId, "artifacts/run-1", 10, SHA));
        await().atMost(PATIENCE).until(() -> state(id), "UP"::equals);

        clock.advance(Duration.ofSeconds(86_400 + 7_200 + 1));
        await().atMost(PATIENCE).until(() -> state(id), "DOWN"::equals);
        assertThat(openIncidents(id)).hasSize(1);

        send(new BackupRunSucceeded(policyId, "run-2", accountId, "artifacts/run-2", 10, SHA));
        await().atMost(PATIENCE).until(() -> state(id), "UP"::equals);
        assertThat(openIncidents(id)).isEmpty();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(log.events(Topics.MONITORING, MonitorCreated.class)).filteredOn(e -> e.monitorId().equals(id))
                    .containsExactly(new MonitorCreated(id, accountId, "harbour backup", "heartbeat", "harbour backup"));
            assertThat(log.events(Topics.MONITORING, HeartbeatMissed.class)).filteredOn(e -> e.monitorId().equals(id))
                    .hasSize(1);
        });
    }

    @Test
    void thePolicysPausesScheduleAndDeletionReachItsHeartbeat() {
        String accountId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        BackupTarget target = new BackupTarget("postgres-database", "shop");
        send(new BackupPolicyCreated(policyId, accountId, target, "0 3 * * *", 7));
        String id = awaitMonitor(accountId).get("id").asText();

        send(new BackupPolicyPaused(policyId, accountId, "paused by an operator"));
        await().atMost(PATIENCE).until(() -> state(id), "PAUSED"::equals);
        send(new BackupPolicyResumed(policyId, accountId, "resumed by an operator"));
        await().atMost(PATIENCE).until(() -> state(id), "UNKNOWN"::equals);

        send(new BackupPolicyUpdated(policyId, accountId, target, "30 1 * * sun", 28, "UTC",
                BackupRetention.withinDays(28), "default", 3, List.of(), "ACTIVE", null));
        await().atMost(PATIENCE).until(() -> monitor(id).get("graceSeconds").asInt(), grace -> grace == 6 * 86_400 + 7_200);
        assertThat(monitor(id).get("intervalSeconds").asInt()).isEqualTo(86_400);

        // a schedule an operator gives the heartbeat lasts until the policy's next update
        assertThat(api.as(OPERATOR_TOKEN).patch("/v1/monitors/" + id, "{\"schedule\": \"0 4 * * *\"}").status()).isEqualTo(200);
        assertThat(monitor(id).path("schedule").asText()).isEqualTo("0 4 * * *");
        // an operator's pause is not lifted by the policy being active
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors/" + id + "/pause").status()).isEqualTo(200);
        send(new BackupPolicyUpdated(policyId, accountId, target, "0 2 * * *", 28, "UTC",
                BackupRetention.withinDays(28), "default", 3, List.of(), "ACTIVE", null));
        await().atMost(PATIENCE).until(() -> monitor(id).get("graceSeconds").asInt(), grace -> grace == 7_200);
        assertThat(state(id)).isEqualTo("PAUSED");
        assertThat(monitor(id).has("schedule")).as("the operator's schedule, taken away by the policy").isFalse();

        EventEnvelope deleted = send(new BackupPolicyDeleted(policyId, accountId));
        send(deleted);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(monitors(accountId)).isEmpty());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(log.events(Topics.MONITORING, MonitorDeleted.class))
                .containsOnlyOnce(new MonitorDeleted(id, accountId)));
    }

    @Test
    void handlesEveryEventTheContractAllowsWithoutStalling() {
        String accountId = UUID.randomUUID().toString();
        Set<String> ids = new HashSet<>();
        for (ReceivedEvent sample : ContractSamples.received(ContractSamples.all(accountId))) {
            EventEnvelope event = sample.toEnvelope();
            if (event.topic().equals(Topics.BACKUPS)) {
                log.send(event);
                ids.add(event.id().toString());
            }
        }
        String markerAccount = UUID.randomUUID().toString();
        send(new BackupPolicyCreated(UUID.randomUUID().toString(), markerAccount, new BackupTarget("account", "marker"),
                "0 3 * * *", 7));
        awaitMonitor(markerAccount);
        assertThat(log.records(Topics.deadLetter(Topics.BACKUPS))).noneMatch(r -> r.headers().lastHeader("ce_id") != null
                && ids.contains(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)));
    }

    @Test
    void theAccountWideBackupHeartbeatsOfOldAreDeletedWithTheirEvents() {
        String accountId = UUID.randomUUID().toString();
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"accountId": "%s", "name": "wharf-backup", "kind": "heartbeat", "intervalSeconds": 86400, "graceSeconds": 7200}"""
                .formatted(accountId));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.tree().get("id").asText();
        transactions.executeWrite(status -> jdbc.prepareStatement(
                "INSERT INTO retired_backup_heartbeat (monitor_id) VALUES (?)", ps -> {
                    ps.setObject(1, UUID.fromString(id));
                    return ps.executeUpdate();
                }));

        retired.removeAll();
        assertThat(monitors(accountId)).isEmpty();
        assertThat(retired.removeAll()).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(log.events(Topics.MONITORING, MonitorDeleted.class))
                .containsOnlyOnce(new MonitorDeleted(id, accountId)));
    }

    private EventEnvelope send(MooringEvent data) {
        return send(EventEnvelope.of("backup-service", data, Clock.systemUTC()));
    }

    private EventEnvelope send(EventEnvelope event) {
        log.send(event);
        return event;
    }

    private JsonNode awaitMonitor(String accountId) {
        return await().atMost(PATIENCE).until(() -> monitors(accountId), found -> found.size() == 1).getFirst();
    }

    private List<JsonNode> monitors(String accountId) {
        Reply answer = api.as(READ_TOKEN).get("/v1/monitors?limit=200&accountId=" + accountId);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        answer.tree().get("items").forEach(found::add);
        return found;
    }

    private JsonNode monitor(String id) {
        return api.as(READ_TOKEN).get("/v1/monitors/" + id).tree();
    }

    private String state(String id) {
        return Optional.ofNullable(monitor(id).get("state")).map(JsonNode::asText).orElse("");
    }

    private List<JsonNode> openIncidents(String id) {
        List<JsonNode> found = new ArrayList<>();
        api.as(READ_TOKEN).get("/v1/monitors/" + id + "/incidents?state=open").tree().get("items").forEach(found::add);
        return found;
    }
}
