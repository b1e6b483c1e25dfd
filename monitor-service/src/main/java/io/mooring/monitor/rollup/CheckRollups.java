package io.mooring.monitor.rollup;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.HdrHistogram.Histogram;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
 * Counts checks in the buckets of every {@link RollupLevel}, in the caller's transaction (the one recording them).
 * Counts are added by the database; a bucket's latency histogram is read, merged here and written back, which is
 * safe because every caller holds the row lock of the monitors whose checks it counts (checks without a latency,
 * such as heartbeats', leave the histogram as it is).
 */
@Singleton
public class CheckRollups {
    private static final Comparator<RollupBucket> WRITE_ORDER =
            Comparator.comparing((RollupBucket b) -> b.monitorId).thenComparing(b -> b.start);

    private final JdbcOperations jdbc;

    public CheckRollups(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts the checks: per level one query reading the histograms to merge and one batch of upserts. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void count(Collection<CountedCheck> checks) {
        count(checks, EnumSet.allOf(RollupLevel.class));
    }

    /** Counts the checks at those levels only (for a benchmark's comparison). */
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
            List<RollupBucket> sorted = new ArrayList<>(buckets.values());
            sorted.sort(WRITE_ORDER);
            mergeStoredLatencies(level, sorted);
            write(level, sorted);
        }
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

    private void write(RollupLevel level, List<RollupBucket> buckets) {
        jdbc.prepareStatement("""
                INSERT INTO %1$s AS b (monitor_id, %2$s, checks, passed, degraded, failed,
                                       latency_total_ms, latency_max_ms, latency_histogram)
                VALUES (?, %3$s, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (monitor_id, %2$s) DO UPDATE SET checks = b.checks + EXCLUDED.checks,
                    passed = b.passed + EXCLUDED.passed, degraded = b.degraded + EXCLUDED.degraded,
                    failed = b.failed + EXCLUDED.failed,
                    latency_total_ms = b.latency_total_ms + EXCLUDED.latency_total_ms,
                    latency_max_ms = GREATEST(b.latency_max_ms, EXCLUDED.latency_max_ms),
                    latency_histogram = COALESCE(EXCLUDED.latency_histogram, b.latency_histogram)"""
                .formatted(level.table(), level.key(), level.keyFromEpoch("?")), ps -> {
            for (RollupBucket bucket : buckets) {
                bind(ps, bucket);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    private static void bind(PreparedStatement ps, RollupBucket bucket) throws SQLException {
        ps.setObject(1, bucket.monitorId);
        ps.setLong(2, bucket.start.getEpochSecond());
        ps.setInt(3, bucket.checks);
        ps.setInt(4, bucket.passed);
        ps.setInt(5, bucket.degraded);
        ps.setInt(6, bucket.failed);
        ps.setLong(7, bucket.latencyTotalMillis);
        ps.setLong(8, bucket.latencyMaxMillis);
        Histogram latencies = bucket.latencies;
        if (latencies == null) {
            ps.setNull(9, Types.BINARY);
        } else {
            ps.setBytes(9, LatencyHistograms.encode(latencies));
        }
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
