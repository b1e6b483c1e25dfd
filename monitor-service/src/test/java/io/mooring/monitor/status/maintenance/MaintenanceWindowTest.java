package io.mooring.monitor.status.maintenance;

import io.mooring.monitor.heartbeat.HeartbeatSchedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MaintenanceWindowTest {
    private static final HeartbeatSchedule NIGHTLY = HeartbeatSchedule.parse("0 3 * * *", "Europe/Paris");

    @Test
    void aRecurringWindowStartsWithTheRunUnderWayOrTheNextOne() {
        MaintenanceWindow underWay = recurring(Instant.parse("2026-07-01T01:10:00Z"));
        assertThat(underWay.startsAt()).isEqualTo(Instant.parse("2026-07-01T01:00:00Z"));
        assertThat(underWay.endsAt()).isEqualTo(Instant.parse("2026-07-01T01:30:00Z"));

        MaintenanceWindow ahead = recurring(Instant.parse("2026-07-01T01:30:00Z"));
        assertThat(ahead.startsAt()).isEqualTo(Instant.parse("2026-07-02T01:00:00Z"));
    }

    @Test
    void movesOnToTheNextRunAndSkipsRunsMissedMeanwhile() {
        MaintenanceWindow window = recurring(Instant.parse("2026-07-01T00:00:00Z"));

        assertThat(window.nextStart(Instant.parse("2026-07-01T01:30:00Z"))).contains(Instant.parse("2026-07-02T01:00:00Z"));
        assertThat(window.nextStart(Instant.parse("2026-07-05T01:20:00Z"))).contains(Instant.parse("2026-07-05T01:00:00Z"));
        assertThat(window.nextStart(Instant.parse("2026-07-05T02:00:00Z"))).contains(Instant.parse("2026-07-06T01:00:00Z"));
    }

    @Test
    void hasNoRunAtOrAfterItsEndDate() {
        MaintenanceWindow window = recurring(Instant.parse("2026-07-01T00:00:00Z"))
                .withUntil(Instant.parse("2026-07-03T01:00:00Z"));

        assertThat(window.nextStart(Instant.parse("2026-07-01T01:30:00Z"))).contains(Instant.parse("2026-07-02T01:00:00Z"));
        // the run of the 3rd would start at the end date itself
        assertThat(window.withOccurrence(Instant.parse("2026-07-02T01:00:00Z"), Instant.parse("2026-07-02T01:30:00Z"),
                MaintenanceWindow.UNDER_WAY).nextStart(Instant.parse("2026-07-02T01:30:00Z"))).isEmpty();
        assertThat(window.nextStart(Instant.parse("2026-07-09T00:00:00Z"))).isEmpty();
        assertThat(window.runsAt(Instant.parse("2026-07-03T00:59:59Z"))).isTrue();
        assertThat(window.runsAt(Instant.parse("2026-07-03T01:00:00Z"))).isFalse();
        assertThat(window.withUntil(null).nextStart(Instant.parse("2026-07-09T00:00:00Z"))).isPresent();
    }

    @Test
    void onlyARecurringWindowHasAnEndDate() {
        Instant start = Instant.parse("2026-07-01T00:00:00Z");
        MaintenanceWindow once = MaintenanceWindow.once(UUID.randomUUID(), "t", null, start, start.plusSeconds(60), start,
                List.of());
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> once.withUntil(start.plusSeconds(3600)));
    }

    @Test
    void followsTheTimeZoneAcrossDaylightSaving() {
        MaintenanceWindow winter = recurring(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(winter.startsAt()).isEqualTo(Instant.parse("2026-12-01T02:00:00Z"));
    }

    @Test
    void aOneOffWindowHasNoNextOccurrence() {
        Instant start = Instant.parse("2026-07-01T00:00:00Z");
        MaintenanceWindow once = MaintenanceWindow.once(UUID.randomUUID(), "t", null, start, start.plusSeconds(60), start,
                List.of());
        assertThat(once.nextStart(start.plusSeconds(120))).isEmpty();
        assertThat(once.phase()).isEqualTo(MaintenanceWindow.AHEAD);
    }

    private static MaintenanceWindow recurring(Instant now) {
        return MaintenanceWindow.recurring(UUID.randomUUID(), "Nightly vacuum", null, NIGHTLY, Duration.ofMinutes(30), now,
                List.of(UUID.randomUUID()));
    }
}
