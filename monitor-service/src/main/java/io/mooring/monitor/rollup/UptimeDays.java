package io.mooring.monitor.rollup;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
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

/**
 * The daily counts as the status page reads them: one per monitor and UTC day with checks, kept
 * {@link #RETENTION_DAYS} days (the level {@link RollupLevel#DAY}). Read from the view {@code monitor_uptime_day_counts}:
 * the daily buckets plus the 5-minute buckets not folded into them yet (see {@link RollupCompactor}).
 */
@Singleton
public class UptimeDays {
    public static final int RETENTION_DAYS = 365;

    private final JdbcOperations jdbc;

    public UptimeDays(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The UTC day of {@code at}. */
    public static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** The days from {@code from} on of those monitors, by monitor, oldest day first (without their histograms). */
    @Transactional
    public Map<UUID, List<UptimeDay>> since(Collection<UUID> monitorIds, LocalDate from) {
        if (monitorIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("""
                SELECT monitor_id, day, checks, passed, degraded, failed, latency_total_ms, latency_max_ms
                FROM monitor_uptime_day_counts WHERE monitor_id = ANY(?) AND day >= ?
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

    private static UptimeDay read(ResultSet row) throws java.sql.SQLException {
        return new UptimeDay(row.getObject("monitor_id", UUID.class), row.getDate("day").toLocalDate(),
                row.getInt("checks"), row.getInt("passed"), row.getInt("degraded"), row.getInt("failed"),
                row.getLong("latency_total_ms"), row.getLong("latency_max_ms"));
    }
}
