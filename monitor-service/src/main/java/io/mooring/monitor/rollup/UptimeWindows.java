package io.mooring.monitor.rollup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.HdrHistogram.Histogram;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A monitor's uptime and latency over the last 24 hours (from 5-minute buckets), 7 and 30 days (hourly buckets) and
 * 365 days (daily buckets), each hourly and daily window with the 5-minute buckets not folded into its level yet (see
 * {@link RollupCompactor}). Percentiles come from the buckets' histograms merged, never from averages.
 */
@Singleton
public class UptimeWindows {
    /** The windows shown, by name, with the level each is read from. */
    private static final List<Window> WINDOWS = List.of(
            new Window("24h", Duration.ofHours(24), RollupLevel.FIVE_MINUTES),
            new Window("7d", Duration.ofDays(7), RollupLevel.HOUR),
            new Window("30d", Duration.ofDays(30), RollupLevel.HOUR),
            new Window("365d", Duration.ofDays(365), RollupLevel.DAY));

    private final JdbcOperations jdbc;
    private final CompactionMarks marks;
    private final Clock clock;

    public UptimeWindows(JdbcOperations jdbc, CompactionMarks marks, Clock clock) {
        this.jdbc = jdbc;
        this.marks = marks;
        this.clock = clock;
    }

    private record Window(String name, Duration period, RollupLevel level) {
    }

    /**
     * The figures of one window. {@code from} is the start of its first bucket; {@code uptimePercent} is passed and
     * degraded checks over all checks, null without checks; {@code latencyMillis} null while no check answered.
     */
    @Serdeable
    public record Figures(Instant from, long checks, long passed, long degraded, long failed,
                          @Nullable Double uptimePercent, @Nullable LatencySummary latencyMillis) {
    }

    /**
     * The figures of each window by name ({@code 24h}, {@code 7d}, {@code 30d}, {@code 365d}), in that order. Read in
     * one snapshot (repeatable read), so a fold committing meanwhile is seen wholly or not at all.
     */
    @Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public Map<String, Figures> of(UUID monitorId) {
        Instant now = clock.instant();
        Map<Window, Totals> totals = new LinkedHashMap<>();
        WINDOWS.forEach(window -> totals.put(window, new Totals(window.level().windowStart(now, window.period()))));
        for (RollupLevel level : WINDOWS.stream().map(Window::level).distinct().toList()) {
            addBuckets(monitorId, level, WINDOWS.stream().filter(w -> w.level() == level).map(totals::get).toList(), null);
        }
        // the 5-minute buckets not folded yet count in the hourly and daily windows as their hours and days will
        List<Totals> coarser = WINDOWS.stream().filter(w -> w.level() != RollupLevel.FIVE_MINUTES).map(totals::get).toList();
        addBuckets(monitorId, RollupLevel.FIVE_MINUTES, coarser, marks.current().foldedUntil(monitorId));
        Map<String, Figures> figures = new LinkedHashMap<>();
        totals.forEach((window, sum) -> figures.put(window.name(), sum.figures()));
        return figures;
    }

    /** Adds the level's buckets from the first window's start (and from {@code notBefore}, when set) to the windows. */
    private void addBuckets(UUID monitorId, RollupLevel level, List<Totals> windows, @Nullable Instant notBefore) {
        Instant from = windows.stream().map(Totals::from).min(Instant::compareTo).orElseThrow();
        if (notBefore != null && notBefore.isAfter(from)) {
            from = notBefore;
        }
        for (StoredBucket bucket : read(monitorId, level, from)) {
            // decoded once for all the windows it counts in
            Histogram latencies = bucket.latencies() == null ? null : LatencyHistograms.decode(bucket.latencies());
            windows.stream().filter(t -> !bucket.start().isBefore(t.from())).forEach(t -> t.add(bucket, latencies));
        }
    }

    /** The sums of one window's buckets. */
    private static final class Totals {
        private final Instant from;
        private final Histogram latencies = LatencyHistograms.empty();
        private long passed;
        private long degraded;
        private long failed;

        Totals(Instant from) {
            this.from = from;
        }

        Instant from() {
            return from;
        }

        void add(StoredBucket bucket, @Nullable Histogram bucketLatencies) {
            passed += bucket.passed();
            degraded += bucket.degraded();
            failed += bucket.failed();
            if (bucketLatencies != null) {
                latencies.add(bucketLatencies);
            }
        }

        Figures figures() {
            long checks = passed + degraded + failed;
            return new Figures(from, checks, passed, degraded, failed,
                    checks == 0 ? null : 100.0 * (passed + degraded) / checks, LatencySummary.of(latencies));
        }
    }

    private record StoredBucket(Instant start, int passed, int degraded, int failed, byte @Nullable [] latencies) {
    }

    private List<StoredBucket> read(UUID monitorId, RollupLevel level, Instant from) {
        return jdbc.prepareStatement("""
                SELECT extract(epoch FROM %2$s)::bigint AS start_epoch, passed, degraded, failed, latency_histogram
                FROM %1$s WHERE monitor_id = ? AND %2$s >= %3$s"""
                .formatted(level.table(), level.key(), level.keyFromEpoch("?")), ps -> {
            ps.setObject(1, monitorId);
            ps.setLong(2, from.getEpochSecond());
            List<StoredBucket> buckets = new ArrayList<>();
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    buckets.add(new StoredBucket(Instant.ofEpochSecond(row.getLong("start_epoch")), row.getInt("passed"),
                            row.getInt("degraded"), row.getInt("failed"), row.getBytes("latency_histogram")));
                }
            }
            return buckets;
        });
    }
}
