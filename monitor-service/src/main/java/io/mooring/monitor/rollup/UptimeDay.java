package io.mooring.monitor.rollup;

import io.micronaut.core.annotation.Nullable;
import io.mooring.monitor.probe.ProbeStatus;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;
import java.util.UUID;

/**
 * The checks of one monitor on one UTC day: how many ran, how they ended, and their latencies.
 * Passed and degraded checks both count as up.
 */
public record UptimeDay(UUID monitorId, LocalDate day, int checks, int passed, int degraded, int failed,
                        long latencyTotalMillis, long latencyMaxMillis) {

    public UptimeDay {
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(day, "day");
        if (passed < 0 || degraded < 0 || failed < 0 || passed + degraded + failed != checks) {
            throw new IllegalArgumentException("checks must be passed + degraded + failed, was " + checks + " = "
                    + passed + " + " + degraded + " + " + failed);
        }
        if (latencyTotalMillis < 0 || latencyMaxMillis < 0) {
            throw new IllegalArgumentException("latencies must not be negative");
        }
    }

    /** The day after one more check, ended as {@code outcome} after {@code latencyMillis}. */
    public static UptimeDay first(UUID monitorId, LocalDate day, ProbeStatus outcome, long latencyMillis) {
        return new UptimeDay(monitorId, day, 0, 0, 0, 0, 0, 0).plus(outcome, latencyMillis);
    }

    /** This day with one more check, ended as {@code outcome} after {@code latencyMillis}. */
    public UptimeDay plus(ProbeStatus outcome, long latencyMillis) {
        return new UptimeDay(monitorId, day, checks + 1,
                passed + (outcome == ProbeStatus.UP ? 1 : 0), degraded + (outcome == ProbeStatus.DEGRADED ? 1 : 0),
                failed + (outcome == ProbeStatus.DOWN ? 1 : 0),
                latencyTotalMillis + latencyMillis, Math.max(latencyMaxMillis, latencyMillis));
    }

    /** Share of checks that passed or were degraded, 0..100; null when no check ran. */
    @Nullable
    public Double uptimePercent() {
        return percent(passed + degraded, checks);
    }

    /** The mean latency of the day's checks in milliseconds. */
    public double averageLatencyMillis() {
        return checks == 0 ? 0 : (double) latencyTotalMillis / checks;
    }

    /** Uptime over several days (of one monitor or many): all their up checks over all their checks; null without checks. */
    @Nullable
    public static Double uptimePercent(Collection<UptimeDay> days) {
        long up = 0;
        long all = 0;
        for (UptimeDay day : days) {
            up += day.passed() + day.degraded();
            all += day.checks();
        }
        return percent(up, all);
    }

    @Nullable
    private static Double percent(long up, long all) {
        return all == 0 ? null : 100.0 * up / all;
    }
}
