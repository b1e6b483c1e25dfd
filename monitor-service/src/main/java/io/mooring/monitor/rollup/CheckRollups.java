package io.mooring.monitor.rollup;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Counts checks in the 5-minute buckets, in the caller's transaction (the one recording them); {@link RollupCompactor}
 * folds those into the hourly and daily buckets once they are closed. A check whose 5-minute bucket is folded already
 * (a result written late, e.g. after Postgres was away) is counted at the hourly and daily levels here directly. The
 * {@link CompactionMark} that tells them apart is held {@code FOR SHARE} until the transaction ends, so the compactor
 * never folds a bucket between the two (see {@link #lockCompactionMark}). Counts are added by the database; a bucket's latency histogram is read,
 * merged here and written back, which is safe because every caller holds the row lock of the monitors whose checks it
 * counts (checks without a latency, such as heartbeats', leave the histogram as it is), and the compactor holds the
 * mark against all of them.
 */
@Singleton
public class CheckRollups {
    private static final Comparator<RollupBucket> WRITE_ORDER =
            Comparator.comparing((RollupBucket b) -> b.monitorId).thenComparing(b -> b.start);

    private static final Set<RollupLevel> COARSER = EnumSet.of(RollupLevel.HOUR, RollupLevel.DAY);

    private final JdbcOperations jdbc;
    private final CompactionMarks marks;

    public CheckRollups(JdbcOperations jdbc, CompactionMarks marks) {
        this.jdbc = jdbc;
        this.marks = marks;
    }

    /**
     * Takes the compaction mark {@code FOR SHARE} until the transaction ends (as {@link #count} does). A transaction that
     * locks monitors {@code FOR UPDATE} and then counts their checks calls this first: the compactor holds the mark
     * while it locks the monitors it folds ({@code FOR KEY SHARE}), so a transaction holding a monitor while it waits
     * for the mark would deadlock with it.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void lockCompactionMark() {
        marks.share();
    }

    /**
     * Counts the checks in their 5-minute buckets, and those whose 5-minute bucket is folded already in their hourly
     * and daily buckets too: per level one query reading the histograms to merge and one upsert statement.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void count(Collection<CountedCheck> checks) {
        if (checks.isEmpty()) {
            return;
        }
        CompactionMark mark = marks.share();
        count(checks, EnumSet.of(RollupLevel.FIVE_MINUTES));
        count(checks.stream().filter(check -> mark.folded(check.monitorId(), check.at())).toList(), COARSER);
    }

    /** Counts the checks at those levels, whatever is folded (as the writer did before compaction, for a benchmark). */
    void count(Collection<CountedCheck> checks, Set<RollupLevel> levels) {
        if (checks.isEmpty()) {
            return;
        }
        for (RollupLevel level : levels) {
            Map<RollupBucket.Key, RollupBucket> buckets = new LinkedHashMap<>();
            for (CountedCheck check : checks) {
                RollupBucket bucket = new RollupBucket(check.monitorId(), level.bucketOf(check.at()));
                buckets.computeIfAbsent(bucket.key(), key -> bucket).add(check);
            }
            add(level, buckets.values());
        }
    }

    /** Adds the buckets' sums to the level's stored buckets (creating those missing) in one statement. */
    void add(RollupLevel level, Collection<RollupBucket> buckets) {
        if (buckets.isEmpty()) {
            return;
        }
        List<RollupBucket> sorted = new ArrayList<>(buckets);
        sorted.sort(WRITE_ORDER);
        mergeStoredLatencies(level, sorted);
        write(level, sorted);
    }

    /** Adds the stored histograms of the buckets that gain latencies to theirs. */
    private void mergeStoredLatencies(RollupLevel level, List<RollupBucket> buckets) {
        List<RollupBucket> withLatencies = buckets.stream().filter(b -> b.latencies != null).toList();
        if (withLatencies.isEmpty()) {
            return;
        }
        Map<RollupBucket.Key, RollupBucket> byKey = new LinkedHashMap<>();
        withLatencies.forEach(b -> byKey.put(b.key(), b));
        jdbc.prepareStatement("""
                SELECT b.monitor_id, extract(epoch FROM b.%2$s)::bigint AS start_epoch, b.latency_histogram
                FROM %1$s b JOIN unnest(?::uuid[], ?::bigint[]) AS k(monitor_id, start_epoch)
                  ON b.monitor_id = k.monitor_id AND b.%2$s = %3$s
                WHERE b.latency_histogram IS NOT NULL"""
                .formatted(level.table(), level.key(), level.keyFromEpoch("k.start_epoch")), ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid",
                    withLatencies.stream().map(b -> b.monitorId).toArray()));
            ps.setArray(2, ps.getConnection().createArrayOf("bigint",
                    withLatencies.stream().map(b -> b.start.getEpochSecond()).toArray()));
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    RollupBucket bucket = byKey.get(new RollupBucket.Key(row.getObject("monitor_id", UUID.class),
                            Instant.ofEpochSecond(row.getLong("start_epoch"))));
                    if (bucket != null) {
                        LatencyHistograms.addEncoded(bucket.latencies, row.getBytes("latency_histogram"));
                    }
                }
            }
            return null;
        });
    }

    /** Upserts the buckets with one statement (their values as arrays), not one per bucket. */
    private void write(RollupLevel level, List<RollupBucket> buckets) {
        jdbc.prepareStatement("""
                INSERT INTO %1$s AS b (monitor_id, %2$s, checks, passed, degraded, failed,
                                       latency_total_ms, latency_max_ms, latency_histogram)
                SELECT k.monitor_id, %3$s, k.checks, k.passed, k.degraded, k.failed, k.latency_total_ms,
                       k.latency_max_ms, k.latency_histogram
                FROM unnest(?::uuid[], ?::bigint[], ?::int[], ?::int[], ?::int[], ?::int[], ?::bigint[], ?::bigint[],
                            ?::bytea[])
                  AS k(monitor_id, start_epoch, checks, passed, degraded, failed, latency_total_ms, latency_max_ms,
                       latency_histogram)
                ON CONFLICT (monitor_id, %2$s) DO UPDATE SET checks = b.checks + EXCLUDED.checks,
                    passed = b.passed + EXCLUDED.passed, degraded = b.degraded + EXCLUDED.degraded,
                    failed = b.failed + EXCLUDED.failed,
                    latency_total_ms = b.latency_total_ms + EXCLUDED.latency_total_ms,
                    latency_max_ms = GREATEST(b.latency_max_ms, EXCLUDED.latency_max_ms),
                    latency_histogram = COALESCE(EXCLUDED.latency_histogram, b.latency_histogram)"""
                .formatted(level.table(), level.key(), level.keyFromEpoch("k.start_epoch")), ps -> {
            int n = buckets.size();
            Object[] monitors = new Object[n];
            Object[] starts = new Object[n];
            Object[] checks = new Object[n];
            Object[] passed = new Object[n];
            Object[] degraded = new Object[n];
            Object[] failed = new Object[n];
            Object[] latencyTotals = new Object[n];
            Object[] latencyMaxima = new Object[n];
            byte[][] histograms = new byte[n][];
            for (int i = 0; i < n; i++) {
                RollupBucket bucket = buckets.get(i);
                monitors[i] = bucket.monitorId;
                starts[i] = bucket.start.getEpochSecond();
                checks[i] = bucket.checks;
                passed[i] = bucket.passed;
                degraded[i] = bucket.degraded;
                failed[i] = bucket.failed;
                latencyTotals[i] = bucket.latencyTotalMillis;
                latencyMaxima[i] = bucket.latencyMaxMillis;
                histograms[i] = bucket.latencies == null ? null : LatencyHistograms.encode(bucket.latencies);
            }
            java.sql.Connection connection = ps.getConnection();
            ps.setArray(1, connection.createArrayOf("uuid", monitors));
            ps.setArray(2, connection.createArrayOf("bigint", starts));
            ps.setArray(3, connection.createArrayOf("int4", checks));
            ps.setArray(4, connection.createArrayOf("int4", passed));
            ps.setArray(5, connection.createArrayOf("int4", degraded));
            ps.setArray(6, connection.createArrayOf("int4", failed));
            ps.setArray(7, connection.createArrayOf("bigint", latencyTotals));
            ps.setArray(8, connection.createArrayOf("bigint", latencyMaxima));
            ps.setArray(9, connection.createArrayOf("bytea", histograms));
            return ps.executeUpdate();
        });
    }

    /** Deletes up to {@code batch} buckets of the level that start before {@code before}; how many it deleted. */
    @Transactional
    public int deleteBefore(RollupLevel level, Instant before, int batch) {
        return jdbc.prepareStatement("""
                DELETE FROM %1$s WHERE ctid = ANY(ARRAY(
                    SELECT ctid FROM %1$s WHERE %2$s < %3$s LIMIT ?))"""
                .formatted(level.table(), level.key(), level.keyFromEpoch("?")), ps -> {
            ps.setLong(1, before.getEpochSecond());
            ps.setInt(2, batch);
            return ps.executeUpdate();
        });
    }
}
