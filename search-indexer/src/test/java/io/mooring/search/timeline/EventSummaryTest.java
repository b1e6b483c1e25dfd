package io.mooring.search.timeline;

import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupTarget;
import io.mooring.events.backups.BackupVerified;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.events.content.StatusDeleted;
import io.mooring.events.monitoring.HeartbeatMissed;
import io.mooring.events.monitoring.IncidentReminded;
import io.mooring.events.monitoring.IncidentResolved;
import io.mooring.events.monitoring.IncidentUpdated;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountRequested;
import io.mooring.events.provisioning.AccountSuspended;
import io.mooring.events.provisioning.HostRegistered;
import io.mooring.events.provisioning.ResourceReady;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventSummaryTest {

    @Test
    void saysWhichAccountIsReadyOnWhichHost() {
        var event = Events.received(new AccountReady("acct-1", "acme", "h-1", "small", "ops@acme.example"));

        assertThat(EventSummary.of(event)).isEqualTo("account acme ready on host h-1");
    }

    @Test
    void neverNamesTheOwnersEmail() {
        assertThat(EventSummary.of(Events.received(new AccountRequested("a-1", "acme", "small", "ops@acme.example"))))
                .isEqualTo("account acme requested on plan small");
        assertThat(EventSummary.of(Events.received(new AccountRequested("a-1", "acme", "small", null))))
                .isEqualTo("account acme requested on plan small");
    }

    @Test
    void describesHostsResourcesBackupsMonitorsAndCommands() {
        assertThat(EventSummary.of(Events.received(new HostRegistered("h-1", "web-1", "par1", 8, 16_384, 200, Map.of()))))
                .isEqualTo("host web-1 registered in par1 with 8 cores, 16384 MB memory, 200 GB disk");
        assertThat(EventSummary.of(Events.received(new ResourceReady("a-1", "r-1", "postgres-database", "main",
                "postgres://db-2.par1.example.net:5432/acct_1_main"))))
                .isEqualTo("postgres-database main ready for account a-1 at postgres://db-2.par1.example.net:5432/acct_1_main");
        assertThat(EventSummary.of(Events.received(new BackupPolicyCreated("p-1", "a-1",
                new BackupTarget("postgres-database", "main"), "0 3 * * *", 7))))
                .isEqualTo("backup policy p-1 created for postgres-database main of account a-1, schedule '0 3 * * *', kept 7 days");
        assertThat(EventSummary.of(Events.received(new BackupVerified("p-1", "run-9", false))))
                .isEqualTo("backup run run-9 failed verification");
        assertThat(EventSummary.of(Events.received(new MonitorStateChanged("m-1", "UP", "DOWN", "HTTP 503"))))
                .isEqualTo("monitor m-1 went from UP to DOWN: HTTP 503");
        assertThat(EventSummary.of(Events.received(new IncidentResolved("m-1", "i-1", 3_725))))
                .isEqualTo("incident i-1 on monitor m-1 resolved after 1h 2m 5s");
        assertThat(EventSummary.of(Events.received(new IncidentReminded("m-1", "i-1", "web is down", 7_200, null))))
                .isEqualTo("incident i-1 on monitor m-1 still open after 2h");
        assertThat(EventSummary.of(Events.received(new IncidentUpdated("m-1", "i-1", "web is down", "also-down",
                "also down: shop database", OffsetDateTime.parse("2025-06-01T03:10:00Z"), 600, null))))
                .isEqualTo("incident i-1 on monitor m-1 updated (also-down): also down: shop database");
        assertThat(EventSummary.of(Events.received(new HeartbeatMissed("m-2", null))))
                .isEqualTo("heartbeat of monitor m-2 missed, never seen");
        assertThat(EventSummary.of(Events.received(new CommandIssued("c-1", "account.suspend", "a-1",
                Map.of("reason", "unpaid", "notify", "no"), "alice", "#ops"))))
                .isEqualTo("alice issued account.suspend on a-1 in #ops with notify=no reason=unpaid");
    }

    @Test
    void readsAnUnknownTypeAsItsEntityAndVerb() {
        var event = Events.unknown("mooring.provisioning.account.teleported.v1", "acct-7", "{\"to\":\"mars\"}");

        assertThat(EventSummary.of(event)).isEqualTo("account teleported (acct-7)");
    }

    @Test
    void readsAKnownTypeWithoutASentenceOfItsOwnTheSameWay() {
        var event = Events.received(new StatusDeleted("s-1", "a-1"));

        assertThat(EventSummary.of(event)).isEqualTo("status deleted (s-1)");
    }

    @Test
    void keepsTypesOutsideTheNamingSchemeWhole() {
        assertThat(EventSummary.generic("com.example.thing", "x-1")).isEqualTo("com.example.thing (x-1)");
        assertThat(EventSummary.generic("mooring.monitoring.monitor.state-changed.v2", "m-1"))
                .isEqualTo("monitor state changed (m-1)");
    }

    @Test
    void staysOnOneLine() {
        var event = Events.received(new AccountSuspended("a-1", "unpaid\n  since March\r\nsecond notice"));

        assertThat(EventSummary.of(event)).isEqualTo("account a-1 suspended: unpaid since March second notice");
    }

    @Test
    void cutsVeryLongLines() {
        var event = Events.received(new AccountSuspended("a-1", "x".repeat(2_000)));

        assertThat(EventSummary.of(event)).hasSize(EventSummary.MAX_LENGTH).endsWith("…");
    }

    @Test
    void writesDurationsForHumans() {
        assertThat(EventSummary.duration(0)).isEqualTo("0s");
        assertThat(EventSummary.duration(60)).isEqualTo("1m");
        assertThat(EventSummary.duration(90_061)).isEqualTo("1d 1h 1m 1s");
    }

    @Test
    void replacesAnAddressThatAReasonQuotes() {
        assertThat(EventSummary.of(Events.received(new AccountSuspended("a-1",
                "abuse reported by jane@example.org"))))
                .isEqualTo("account a-1 suspended: abuse reported by " + PersonalData.REMOVED);
    }
}
