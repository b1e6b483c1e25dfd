package io.mooring.monitor.rollup;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
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
 * Folds closed 5-minute buckets into the hourly and daily buckets (counts summed, histograms merged), so that the
 * result writer counts each check at one level only. It moves the {@link CompactionMark} range by range (at most an
 * hour of buckets each), and within a range in slices of monitors in id order, one transaction per slice with the
 * mark locked {@code FOR UPDATE}: a writer waits for the slice (or the slice for the writer), and counts a check whose
 * bucket is folded at the coarser levels itself. Every replica runs it; two compactors take turns on the mark and
 * each goes on from where the other left it, so nothing is folded twice.
 *
 * <p>A scheduled run (every {@code mooring.uptime.compact-interval}, 10 s by default) takes at most
 * {@code mooring.uptime.compact-slices-per-run} transactions (5) and leaves the rest to the next run, which goes on
 * where the mark says: the fold of a 5-minute bucket is spread over the runs instead of one burst holding the writer
 * slice after slice. It keeps up while a 5-minute bucket's slices (one per compact-monitors monitors, rounded up)
 * fit in 5 minutes of runs with room to spare: slices-per-run × compact-monitors × 300 s / interval
 * monitor-buckets every 5 minutes, with the defaults 5 × 1000 × 30 = 150,000, three times 50,000 monitors (fewer, as
 * a run starts an interval after the last one ended; 5 slices of 1,000 are about 1 s at the roll-ups benchmark's
 * rate, more under load). Behind (e.g. after an outage), a range takes up to an hour of each monitor's buckets in
 * the same number of (bigger) slices, so the runs fold the backlog faster than new buckets close.
 */
@Singleton
public class RollupCompactor {
    private static final Logger LOG = LoggerFactory.getLogger(RollupCompactor.class);
    /** The most 5-minute buckets of each monitor one range folds, so that a slice stays small after a long pause. */
    private static final Duration MAX_RANGE = Duration.ofHours(1);

    private final TransactionOperations<Connection> transactions;
    private final JdbcOperations jdbc;
    private final CompactionMarks marks;
    private final CheckRollups rollups;
    private final Clock clock;
    private final Duration delay;
    private final int slice;
    private final int slicesPerRun;

    public RollupCompactor(TransactionOperations<Connection> transactions, JdbcOperations jdbc, CompactionMarks marks,
                           CheckRollups rollups, Clock clock,
                           @Value("${mooring.uptime.compact-delay:1m}") Duration delay,
                           @Value("${mooring.uptime.compact-monitors:1000}") int slice,
                           @Value("${mooring.uptime.compact-slices-per-run:5}") int slicesPerRun) {
        if (delay.isNegative() || slice < 1 || slicesPerRun < 1) {
            throw new IllegalArgumentException("mooring.uptime.compact-delay must not be negative, and "
                    + "mooring.uptime.compact-monitors and mooring.uptime.compact-slices-per-run must be positive");
        }
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.marks = marks;
        this.rollups = rollups;
        this.clock = clock;
        this.delay = delay;
        this.slice = slice;
        this.slicesPerRun = slicesPerRun;
    }

    @Scheduled(fixedDelay = "${mooring.uptime.compact-interval:10s}",
            initialDelay = "${mooring.uptime.compact-initial-delay:1m}")
    void scheduled() {
        try {
            Run run = run();
            if (run.folded() > 0) {
                LOG.debug("uptime: folded {} 5-minute buckets into hours and days in {} transactions{}", run.folded(),
                        run.slices(), run.more() ? ", more at the next run" : "");
            }
        } catch (RuntimeException e) {
            LOG.warn("uptime: compaction failed, going on at the next run: {}", e.getMessage());
        }
    }

    /**
     * Folds every 5-minute bucket that ended {@code mooring.uptime.compact-delay} ago or earlier and is not folded
     * yet, in as many transactions as it takes (for tests and benchmarks; the scheduled runs take
     * {@code mooring.uptime.compact-slices-per-run} at a time); how many 5-minute buckets it folded.
     */
    public long compact() {
        return runUpTo(Integer.MAX_VALUE).folded();
    }

    /**
     * One scheduled run: folds as {@link #compact()} does, but in at most {@code mooring.uptime.compact-slices-per-run}
     * transactions, leaving the rest to the next run (the mark says where it goes on).
     */
    Run run() {
        return runUpTo(slicesPerRun);
    }

    private Run runUpTo(int maxSlices) {
        Instant until = RollupLevel.FIVE_MINUTES.bucketOf(clock.instant().minus(delay));
        long folded = 0;
        int slices = 0;
        Step step;
        do {
            step = next(until);
            folded += step.folded();
            slices++;
        } while (step.more() && slices < maxSlices);
        return new Run(folded, slices, step.more());
    }

    /** What one scheduled run did: 5-minute buckets folded, transactions taken, and whether there may be more. */
    record Run(long folded, int slices, boolean more) {
    }

    /** What one transaction did: how many 5-minute buckets it folded, and whether there may be more to fold. */
    record Step(long folded, boolean more) {
    }

    /** Folds one slice of monitors of the buckets before {@code until} in a transaction of its own. */
    Step next(Instant until) {
        return transactions.executeWrite(status -> step(until));
    }

    /** Folds the next slice of monitors of the range under way, starting a range first when none is. */
    private Step step(Instant until) {
        CompactionMark mark = marks.lockForUpdate();
        if (mark.compactingUntil() == null) {
            if (!mark.compactedUntil().isBefore(until)) {
                return new Step(0, false);
            }
            Instant first = firstBucketFrom(mark.compactedUntil());
            if (first == null || !first.isBefore(until)) {
                marks.save(new CompactionMark(until, null, null));
                return new Step(0, false);
            }
            Instant end = first.plus(MAX_RANGE).isBefore(until) ? first.plus(MAX_RANGE) : until;
            mark = new CompactionMark(first, end, null);
        }
        List<UUID> monitors = monitorsAfter(mark.compactedThrough());
        UUID through = monitors.size() < slice ? null : monitors.getLast();
        long folded = fold(mark.compactedUntil(), mark.compactingUntil(), mark.compactedThrough(), through);
        marks.save(mark.foldedThrough(through));
        return new Step(folded, true);
    }

    /** The first 5-minute bucket of any monitor from {@code from} on; null when there is none. */
    @Nullable
    private Instant firstBucketFrom(Instant from) {
        return jdbc.prepareStatement("""
                SELECT extract(epoch FROM min(bucket_start))::bigint FROM monitor_uptime_5min
                WHERE bucket_start >= to_timestamp(?)""", ps -> {
            ps.setLong(1, from.getEpochSecond());
            try (ResultSet row = ps.executeQuery()) {
                row.next();
                long first = row.getLong(1);
                return row.wasNull() ? null : Instant.ofEpochSecond(first);
            }
        });
    }

    /**
     * Up to a slice of monitor ids after {@code after} (null: from the first), in id order, locked {@code FOR KEY SHARE}
     * (as inserting their hours and days would lock them) before any of their buckets is: a monitor deleted meanwhile
     * is deleted before the fold reads its buckets, or after it commits.
     */
    private List<UUID> monitorsAfter(@Nullable UUID after) {
        return jdbc.prepareStatement("SELECT id FROM monitor" + (after == null ? "" : " WHERE id > ?")
                        + " ORDER BY id LIMIT ? FOR KEY SHARE",
                ps -> {
                    int next = 1;
                    if (after != null) {
                        ps.setObject(next++, after);
                    }
                    ps.setInt(next, slice);
                    List<UUID> ids = new ArrayList<>();
                    try (ResultSet row = ps.executeQuery()) {
                        while (row.next()) {
                            ids.add(row.getObject(1, UUID.class));
                        }
                    }
                    return ids;
                });
    }

    /**
     * Adds the 5-minute buckets from {@code from} until {@code until} of the monitors after {@code after} (null: from
     * the first) through {@code through} (null: to the last) to their hours and days; how many it added.
     */
    private long fold(Instant from, Instant until, @Nullable UUID after, @Nullable UUID through) {
        Map<RollupBucket.Key, RollupBucket> hours = new LinkedHashMap<>();
        Map<RollupBucket.Key, RollupBucket> days = new LinkedHashMap<>();
        long folded = jdbc.prepareStatement("""
                SELECT monitor_id, extract(epoch FROM bucket_start)::bigint AS start_epoch, checks, passed, degraded,
                       failed, latency_total_ms, latency_max_ms, latency_histogram
                FROM monitor_uptime_5min
                WHERE bucket_start >= to_timestamp(?) AND bucket_start < to_timestamp(?)"""
                + (after == null ? "" : " AND monitor_id > ?") + (through == null ? "" : " AND monitor_id <= ?"), ps -> {
            ps.setLong(1, from.getEpochSecond());
            ps.setLong(2, until.getEpochSecond());
            int next = 3;
            if (after != null) {
                ps.setObject(next++, after);
            }
            if (through != null) {
                ps.setObject(next, through);
            }
            long rows = 0;
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    rows++;
                    RollupBucket bucket = new RollupBucket(row.getObject("monitor_id", UUID.class),
                            Instant.ofEpochSecond(row.getLong("start_epoch")));
                    bucket.checks = row.getInt("checks");
                    bucket.passed = row.getInt("passed");
                    bucket.degraded = row.getInt("degraded");
                    bucket.failed = row.getInt("failed");
                    bucket.latencyTotalMillis = row.getLong("latency_total_ms");
                    bucket.latencyMaxMillis = row.getLong("latency_max_ms");
                    byte[] encoded = row.getBytes("latency_histogram");
                    Histogram latencies = encoded == null ? null : LatencyHistograms.decode(encoded);
                    addTo(hours, RollupLevel.HOUR, bucket, latencies);
                    addTo(days, RollupLevel.DAY, bucket, latencies);
                }
            }
            return rows;
        });
        rollups.add(RollupLevel.HOUR, hours.values());
        rollups.add(RollupLevel.DAY, days.values());
        return folded;
    }

    private static void addTo(Map<RollupBucket.Key, RollupBucket> buckets, RollupLevel level, RollupBucket fiveMinutes,
                              @Nullable Histogram latencies) {
        RollupBucket coarser = new RollupBucket(fiveMinutes.monitorId, level.bucketOf(fiveMinutes.start));
        buckets.computeIfAbsent(coarser.key(), key -> coarser).add(fiveMinutes, latencies);
    }
}
