package io.mooring.monitor.chatops;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.events.EventEnvelope;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.events.monitoring.MonitorCommandRejected;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.monitoring.StatusReported;
import io.mooring.monitor.MovableClockIT;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.ContractSamples;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Chat commands from mooring.chatops.commands: real Kafka, real Postgres, the service's own consumer, time moved by the test. */
@MicronautTest(transactional = false)
class ChatCommandIT extends MovableClockIT {
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("mooring.monitor.pause-check-interval", "100ms");
    }

    @Test
    void aPauseWithADurationEndsByItselfAndCarriesTheCommandId() {
        String id = heartbeat(null, "timed-" + UUID.randomUUID(), 86_400).id();
        CommandIssued pause = command("monitor.pause", id, Map.of("duration", "2h"));
        EventEnvelope event = send(pause);
        send(event);
        awaitState(id, "PAUSED");

        clock.advance(Duration.ofHours(2));
        awaitState(id, "UNKNOWN");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stateChanges(id))
                .extracting(e -> e.to() + " " + e.commandId())
                .containsExactly("PAUSED " + pause.commandId(), "UNKNOWN null"));
        assertThat(stateChanges(id).getFirst().reason()).startsWith("paused from chat by alice until ");
        assertThat(stateChanges(id).getLast().reason()).isEqualTo("pause ended");
    }

    @Test
    void pauseAndResumeFromChatAnswerWithTheirCommandIds() {
        String id = heartbeat(null, "chat-" + UUID.randomUUID(), 86_400).id();
        CommandIssued pause = command("monitor.pause", id, Map.of());
        send(pause);
        awaitState(id, "PAUSED");
        CommandIssued resume = command("monitor.resume", id, Map.of());
        send(resume);
        awaitState(id, "UNKNOWN");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stateChanges(id))
                .extracting(e -> e.to() + " " + e.commandId())
                .containsExactly("PAUSED " + pause.commandId(), "UNKNOWN " + resume.commandId()));
    }

    @Test
    void commandsThatCannotBeAppliedAreRejectedWithAReason() {
        String paused = heartbeat(null, "held-" + UUID.randomUUID(), 86_400).id();
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors/" + paused + "/pause").status()).isEqualTo(200);
        String running = heartbeat(null, "running-" + UUID.randomUUID(), 86_400).id();
        String unknown = UUID.randomUUID().toString();

        Map<CommandIssued, String> expected = Map.of(
                command("monitor.pause", "web-1", Map.of()), "'web-1' is not a monitor id",
                command("monitor.pause", unknown, Map.of()), "there is no monitor " + unknown,
                command("monitor.pause", running, Map.of("duration", "soon")), "duration must be",
                command("monitor.pause", running, Map.of("duration", "31d")), "duration must be",
                command("monitor.pause", paused, Map.of()), "is already paused",
                command("monitor.resume", running, Map.of()), "is not paused");
        expected.keySet().forEach(this::send);

        await().atMost(PATIENCE).untilAsserted(() -> {
            List<MonitorCommandRejected> rejected = log.events(Topics.MONITORING, MonitorCommandRejected.class);
            expected.forEach((command, reason) -> assertThat(rejected)
                    .filteredOn(r -> r.commandId().equals(command.commandId()))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.command()).isEqualTo(command.command());
                        assertThat(r.target()).isEqualTo(command.target());
                        assertThat(r.reason()).contains(reason);
                    }));
        });
        assertThat(state(running)).isEqualTo("UNKNOWN");
    }

    @Test
    void statusShowReportsCountsAndOpenIncidentsOldestFirst() {
        String accountId = UUID.randomUUID().toString();
        Created up = heartbeat(accountId, "up", 86_400);
        assertThat(api.as(null).post("/v1/heartbeats/" + up.token()).status()).isEqualTo(200);
        String paused = heartbeat(accountId, "paused", 86_400).id();
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors/" + paused + "/pause").status()).isEqualTo(200);
        String first = heartbeat(accountId, "first", 10).id();
        clock.advance(Duration.ofSeconds(11));
        awaitState(first, "DOWN");
        String second = heartbeat(accountId, "second", 10).id();
        clock.advance(Duration.ofSeconds(11));
        awaitState(second, "DOWN");

        CommandIssued show = command("status.show", accountId, Map.of());
        send(show);
        CommandIssued platform = command("status.show", StatusReports.PLATFORM, Map.of());
        send(platform);
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<StatusReported> reports = log.events(Topics.MONITORING, StatusReported.class);
            assertThat(reports).filteredOn(r -> r.commandId().equals(show.commandId())).containsExactly(
                    new StatusReported(show.commandId(), accountId, "DOWN", 1, 0, 2, 1,
                            List.of("first is down", "second is down"), 2));
            assertThat(reports).filteredOn(r -> r.commandId().equals(platform.commandId())).singleElement()
                    .satisfies(r -> {
                        assertThat(r.overall()).isEqualTo("DOWN");
                        assertThat(r.down()).isGreaterThanOrEqualTo(2);
                        assertThat(r.openIncidents()).contains("first is down", "second is down");
                    });
        });
    }

    @Test
    void otherCommandsAndEveryContractSampleAreHandledWithoutStalling() {
        String id = heartbeat(null, "bystander-" + UUID.randomUUID(), 86_400).id();
        CommandIssued other = command("account.suspend", id, Map.of());
        send(other);
        Set<String> ids = new HashSet<>();
        for (ReceivedEvent sample : ContractSamples.received(ContractSamples.all(UUID.randomUUID().toString()))) {
            EventEnvelope event = sample.toEnvelope();
            if (event.topic().equals(Topics.CHATOPS_COMMANDS)) {
                log.send(event);
                ids.add(event.id().toString());
            }
        }
        CommandIssued marker = command("monitor.pause", id, Map.of());
        send(marker);
        awaitState(id, "PAUSED");
        assertThat(log.events(Topics.MONITORING, MonitorCommandRejected.class))
                .noneMatch(r -> r.commandId().equals(other.commandId()));
        assertThat(log.records(Topics.deadLetter(Topics.CHATOPS_COMMANDS))).noneMatch(r -> r.headers().lastHeader("ce_id") != null
                && ids.contains(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)));
    }

    private record Created(String id, String token) {
    }

    private Created heartbeat(String accountId, String name, int interval) {
        String account = accountId == null ? "" : "\"accountId\": \"" + accountId + "\", ";
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {%s"name": "%s", "kind": "heartbeat", "intervalSeconds": %d, "graceSeconds": 0}"""
                .formatted(account, name, interval));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new Created(created.tree().get("id").asText(), created.tree().get("heartbeatToken").asText());
    }

    private static CommandIssued command(String name, String target, Map<String, String> arguments) {
        return new CommandIssued(UUID.randomUUID().toString(), name, target, arguments, "alice", "#ops");
    }

    private EventEnvelope send(CommandIssued command) {
        return send(EventEnvelope.of("chatops-relay", command, Clock.systemUTC()));
    }

    private EventEnvelope send(EventEnvelope event) {
        log.send(event);
        return event;
    }

    private List<MonitorStateChanged> stateChanges(String id) {
        return log.events(Topics.MONITORING, MonitorStateChanged.class).stream().filter(e -> e.monitorId().equals(id)).toList();
    }

    private String state(String id) {
        return api.as(READ_TOKEN).get("/v1/monitors/" + id).tree().get("state").asText();
    }

    private void awaitState(String id, String state) {
        await().atMost(PATIENCE).until(() -> state(id), state::equals);
    }
}
