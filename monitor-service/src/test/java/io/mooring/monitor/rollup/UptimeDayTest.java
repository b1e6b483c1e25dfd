package io.mooring.monitor.rollup;

import io.mooring.monitor.probe.ProbeStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UptimeDayTest {
    private static final UUID MONITOR = UUID.randomUUID();
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    @Test
    void countsEachOutcomeAndTheLatencies() {
        UptimeDay day = UptimeDay.first(MONITOR, DAY, ProbeStatus.UP, 100)
                .plus(ProbeStatus.DEGRADED, 900)
                .plus(ProbeStatus.DOWN, 5000)
                .plus(ProbeStatus.UP, 0);

        assertThat(day.checks()).isEqualTo(4);
        assertThat(day.passed()).isEqualTo(2);
        assertThat(day.degraded()).isEqualTo(1);
        assertThat(day.failed()).isEqualTo(1);
        assertThat(day.latencyTotalMillis()).isEqualTo(6000);
        assertThat(day.latencyMaxMillis()).isEqualTo(5000);
        assertThat(day.averageLatencyMillis()).isEqualTo(1500.0);
    }

    @Test
    void degradedChecksCountAsUpAndFailedOnesAsDown() {
        UptimeDay day = new UptimeDay(MONITOR, DAY, 8, 5, 1, 2, 0, 0);

        assertThat(day.uptimePercent()).isEqualTo(75.0);
        assertThat(new UptimeDay(MONITOR, DAY, 3, 0, 0, 3, 0, 0).uptimePercent()).isEqualTo(0.0);
        assertThat(new UptimeDay(MONITOR, DAY, 1, 0, 1, 0, 0, 0).uptimePercent()).isEqualTo(100.0);
    }

    @Test
    void weighsSeveralDaysByTheirChecksNotByDay() {
        // a day of 1 failed check and a day of 999 passed ones: 99.9%, not the 50% an average of days gives
        List<UptimeDay> days = List.of(new UptimeDay(MONITOR, DAY, 1, 0, 0, 1, 0, 0),
                new UptimeDay(MONITOR, DAY.plusDays(1), 999, 999, 0, 0, 0, 0));

        assertThat(UptimeDay.uptimePercent(days)).isCloseTo(99.9, within(1e-9));
    }

    @Test
    void hasNoUptimeWithoutChecks() {
        assertThat(UptimeDay.uptimePercent(List.of())).isNull();
    }

    @Test
    void refusesCountsThatDoNotAddUp() {
        assertThatThrownBy(() -> new UptimeDay(MONITOR, DAY, 3, 1, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UptimeDay(MONITOR, DAY, 0, -1, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UptimeDay(MONITOR, DAY, 1, 1, 0, 0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bucketsByTheUtcDay() {
        assertThat(UptimeDays.dayOf(Instant.parse("2026-11-30T23:59:59.999Z"))).isEqualTo(DAY);
        assertThat(UptimeDays.dayOf(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(DAY.plusDays(1));
    }
}
