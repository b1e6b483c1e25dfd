package io.mooring.chatops.message;

import io.mooring.events.EventCatalog;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupTarget;
import io.mooring.events.backups.BackupVerified;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.events.content.StatusDeleted;
import io.mooring.events.monitoring.HeartbeatMissed;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.provisioning.AccountFailed;
import io.mooring.events.MooringEvent;
import io.mooring.testing.ContractSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRendererTest {
    private final MessageRenderer renderer = new MessageRenderer();

    @ParameterizedTest
    @FieldSource("io.mooring.chatops.message.SampleEvents#ALL")
    void rendersOneHumanLinePerEventType(SampleEvents.Sample sample) {
        assertThat(renderer.render(sample.event())).contains(sample.message());
    }

    @Test
    void hasASampleForEveryEventTypeOnTheConsumedTopics() {
        Set<String> consumed = EventCatalog.entries().stream()
                .filter(e -> Set.of(Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING).contains(e.topic()))
                .map(EventCatalog.Entry::type).collect(Collectors.toSet());
        Set<String> sampled = SampleEvents.ALL.stream()
                .map(s -> EventCatalog.entryOf(s.event().getClass()).type()).collect(Collectors.toSet());
        assertThat(sampled).isEqualTo(consumed);
    }

    @Test
    void rendersEveryEventOfTheConsumedTopicsWithEveryValueTheContractAllows() {
        for (MooringEvent event : ContractSamples.all()) {
            boolean consumed = Set.of(Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING)
                    .contains(EventCatalog.entryOf(event.getClass()).topic());
            assertThat(renderer.render(event)).as(event.toString()).matches(message -> message.isPresent() == consumed);
        }
    }

    @Test
    void namesTheWholeAccountAsTheTargetOfAnAccountBackupPolicy() {
        BackupPolicyCreated policy = new BackupPolicyCreated("bpol-1", "a-1", new BackupTarget(BackupTarget.ACCOUNT, "toot-cafe"),
                "0 3 * * *", 7);
        assertThat(renderer.render(policy))
                .contains("🗓️ Backup policy bpol-1 created for every resource (account toot-cafe) of account a-1: 0 3 * * * (UTC), kept 7 days");
    }

    @Test
    void skipsEventsOfOtherAreas() {
        assertThat(renderer.render(new StatusDeleted("113482930221770421", "a-1"))).isEmpty();
        assertThat(renderer.render(new CommandIssued("c-1", "account.suspend", "a-1", Map.of(), "alice", "#ops"))).isEmpty();
    }

    @Test
    void foldsLineBreaksFromOtherServicesIntoOneLine() {
        assertThat(renderer.render(new AccountFailed("a-1", "placement failed:\r\n  no host in par1\nhas memory left\n")))
                .contains("❌ Account a-1 failed: placement failed: no host in par1 has memory left");
    }

    @Test
    void saysWhenABackupFailsVerification() {
        assertThat(renderer.render(new BackupVerified("p-1", "r-9", false)))
                .contains("⚠️ Backup run r-9 failed verification (policy p-1)");
    }

    @Test
    void saysOneDayOfRetentionInTheSingular() {
        assertThat(renderer.render(new BackupPolicyCreated("p-1", "a-1", new BackupTarget("bucket", "media"), "0 3 * * *", 1)))
                .contains("🗓️ Backup policy p-1 created for bucket media of account a-1: 0 3 * * * (UTC), kept 1 day");
    }

    @Test
    void showsMonitorStatesWithTheirColour() {
        assertThat(renderer.render(new MonitorStateChanged("m-1", "DOWN", "UP", "HTTP 200"))).hasValueSatisfying(m -> assertThat(m).startsWith("🟢 "));
        assertThat(renderer.render(new MonitorStateChanged("m-1", "UP", "DEGRADED", "slow"))).hasValueSatisfying(m -> assertThat(m).startsWith("🟠 "));
        assertThat(renderer.render(new MonitorStateChanged("m-1", "UP", "PAUSED", "maintenance"))).hasValueSatisfying(m -> assertThat(m).startsWith("⏸️ "));
    }

    @Test
    void namesWhenAHeartbeatWasLastSeen() {
        assertThat(renderer.render(new HeartbeatMissed("m-2", OffsetDateTime.parse("2026-11-22T03:04:59Z"))))
                .contains("💔 Heartbeat monitor m-2 missed its check-in (last seen 2026-11-22 03:04 UTC)");
    }

    @Test
    void leavesOutTheAccountOfPlatformMonitors() {
        assertThat(renderer.render(new MonitorCreated("m-3", null, "db-2", "tcp", "db-2.par1.example.net:5432")))
                .contains("👀 Monitor db-2 (tcp) now watches db-2.par1.example.net:5432");
    }
}
