package io.mooring.events.monitoring;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitoringEventsTest {

    @Test
    void rejectsBlankIds() {
        assertThatThrownBy(() -> new MonitorDeleted(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("monitorId must not be blank");
        assertThatThrownBy(() -> new IncidentResolved("mon-1", "", 60))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("incidentId must not be blank");
    }

    @Test
    void rejectsAStateChangeThatChangesNothing() {
        assertThatThrownBy(() -> new MonitorStateChanged("mon-1", "DOWN", "DOWN", "still 503"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
    }

    @Test
    void checksTheTargetAgainstTheKind() {
        assertThatThrownBy(() -> new MonitorCreated("mon-1", null, "db", "tcp", "db-2.par1.example.net"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> new MonitorCreated("mon-1", null, "web", "http", "soc.ialis.me"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s) URL");
        assertThat(new MonitorCreated("mon-1", null, "nightly dump", "heartbeat", "pg_dump soc-ialis").accountId())
                .isNull();
    }

    @Test
    void allowsAHeartbeatThatNeverCameIn() {
        assertThat(new HeartbeatMissed("mon-1", null).lastSeen()).isNull();
        assertThat(MonitorState.fromWire("DEGRADED")).isEqualTo(MonitorState.DEGRADED);
    }

    @Test
    void acceptsOnlyTheKindsThatUpdateAnOpenIncident() {
        OffsetDateTime at = OffsetDateTime.parse("2025-06-01T03:00:00Z");
        assertThat(new IncidentUpdated("mon-1", "inc-1", "web is down", "flapping", "answers again but flaps", at, 60, null)
                .kind()).isEqualTo(IncidentUpdateKind.FLAPPING.wireName());
        assertThatThrownBy(() -> new IncidentUpdated("mon-1", "inc-1", "web is down", "reminder", "still open", at, 60, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> new IncidentUpdated("mon-1", "inc-1", "web is down", "also-down", "also down: db", at, -1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openSeconds");
    }
}
