package io.mooring.monitor.rollup;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.monitor.probe.ProbeStatus;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code monitor_uptime_day} rows: one per monitor and UTC day with checks, kept {@link #RETENTION_DAYS} days. */
@Singleton
public class UptimeDays {
    public static final int RETENTION_DAYS = 90;

    private final JdbcOperations jdbc;

    public UptimeDays(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The UTC day of {@code at}. */
    public static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** Counts one check in its day's bucket, in the caller's transaction (the one recording the check). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void count(UUID monitorId, ProbeStatus outcome, long latencyMillis, Instant at) {
        countAll(List.of(UptimeDay.first(monitorId, dayOf(at), outcome, latencyMillis)));
    }

    /** Adds checks to their buckets with one batch of statements; at most one of each monitor and day. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void countAll(Collection<UptimeDay> checks) {
        if (checks.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("""
                INSERT INTO monitor_uptime_day AS d (monitor_id, day, checks, passed, degraded, failed,
                                                     latency_total_ms, latency_max_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (monitor_id, day) DO UPDATE SET checks = d.checks + EXCLUDED.checks,
                    passed = d.passed + EXCLUDED.passed, degraded = d.degraded + EXCLUDED.degraded,
                    failed = d.failed + EXCLUDED.failed,
                    latency_total_ms = d.latency_total_ms + EXCLUDED.latency_total_ms,
                    latency_max_ms = GREATEST(d.latency_max_ms, EXCLUDED.latency_max_ms)""", ps -> {
            for (UptimeDay one : checks) {
                ps.setObject(1, one.monitorId());
                ps.setDate(2, Date.valueOf(one.day()));
                ps.setInt(3, one.checks());
                ps.setInt(4, one.passed());
                ps.setInt(5, one.degraded());
                ps.setInt(6, one.failed());
                ps.setLong(7, one.latencyTotalMillis());
                ps.setLong(8, one.latencyMaxMillis());
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** The days from {@code from} on of those monitors, by monitor, oldest day first. */
    @Transactional
    public Map<UUID, List<UptimeDay>> since(Collection<UUID> monitorIds, LocalDate from) {
        if (monitorIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("""
                SELECT * FROM monitor_uptime_day WHERE monitor_id = ANY(?) AND day >= ?
                ORDER BY monitor_id, day""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", monitorIds.toArray()));
            ps.setDate(2, Date.valueOf(from));
            Map<UUID, List<UptimeDay>> found = new HashMap<>();
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    UptimeDay day = read(row);
                    found.computeIfAbsent(day.monitorId(), id -> new ArrayList<>()).add(day);
                }
            }
            return found;
        });
    }

    /** Deletes up to {@code batch} days before {@code before}; how many it deleted. */
    @Transactional
    public int deleteBefore(LocalDate before, int batch) {
        return jdbc.prepareStatement("""
                DELETE FROM monitor_uptime_day WHERE ctid = ANY(ARRAY(
                    SELECT ctid FROM monitor_uptime_day WHERE day < ? LIMIT ?))""", ps -> {
            ps.setDate(1, Date.valueOf(before));
            ps.setInt(2, batch);
            return ps.executeUpdate();
        });
    }

    private static UptimeDay read(ResultSet row) throws java.sql.SQLException {
        return new UptimeDay(row.getObject("monitor_id", UUID.class), row.getDate("day").toLocalDate(),
                row.getInt("checks"), row.getInt("passed"), row.getInt("degraded"), row.getInt("failed"),
                row.getLong("latency_total_ms"), row.getLong("latency_max_ms"));
    }
}
