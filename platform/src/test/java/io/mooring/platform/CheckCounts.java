package io.mooring.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * How many checks each probed monitor got in each of its intervals, from samples of its check count (the
 * monitor service counts every check in its 5-minute bucket in the check's transaction, and the view
 * {@code monitor_uptime_day_counts} adds those not folded into their day yet to the daily ones). A monitor's
 * slots are {@code offset + k × interval} since the epoch; the checks of slot k are those counted between the
 * samples half an interval after slots k−1 and k, so a check that starts late by less than half an interval
 * still lands in its own slot.
 */
final class CheckCounts {
    private record Monitor(long offsetMillis, long intervalMillis) {
    }

    private record Sample(Instant at, Map<UUID, Long> checks) {
    }

    private static final long MAX_SAMPLE_DELAY_MILLIS = 3_000;

    private final Supplier<Connection> database;
    private final Map<UUID, Monitor> monitors = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    CheckCounts(Supplier<Connection> database) {
        this.database = database;
    }

    /** Reads every probed monitor's check count now. */
    synchronized void sample() throws SQLException {
        Instant at = Instant.now();
        Map<UUID, Long> checks = new HashMap<>();
        try (Connection c = database.get(); PreparedStatement ps = c.prepareStatement("""
                SELECT m.id, m.check_offset_ms, m.interval_seconds, coalesce(sum(u.checks), 0)
                FROM monitor m LEFT JOIN monitor_uptime_day_counts u ON u.monitor_id = m.id
                WHERE m.kind <> 'heartbeat' GROUP BY m.id""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                monitors.putIfAbsent(id, new Monitor(rs.getLong(2), rs.getLong(3) * 1000));
                checks.put(id, rs.getLong(4));
            }
        }
        samples.add(new Sample(at, checks));
    }

    /**
     * Checks per monitor and slot, for the slots from {@code from} to {@code to} whose both bounding samples exist
     * and in which the monitor had been checked before (its first slot may see the check made at its creation).
     */
    synchronized Map<UUID, TreeMap<Instant, Long>> perSlot(Instant from, Instant to) {
        Map<UUID, TreeMap<Instant, Long>> result = new TreeMap<>();
        monitors.forEach((id, monitor) -> {
            TreeMap<Instant, Long> slots = new TreeMap<>();
            long half = monitor.intervalMillis() / 2;
            long k = Math.floorDiv(from.toEpochMilli() - monitor.offsetMillis(), monitor.intervalMillis()) + 1;
            for (; ; k++) {
                long slot = monitor.offsetMillis() + k * monitor.intervalMillis();
                if (slot > to.toEpochMilli()) {
                    break;
                }
                Long before = countAfter(id, slot - monitor.intervalMillis() + half);
                Long after = countAfter(id, slot + half);
                if (before != null && after != null && before > 0) {
                    slots.put(Instant.ofEpochMilli(slot), after - before);
                }
            }
            result.put(id, slots);
        });
        return result;
    }

    /** The count of the first sample taken at or after {@code epochMillis}, or null if there is none soon after it. */
    private Long countAfter(UUID monitor, long epochMillis) {
        for (Sample sample : samples) {
            if (sample.at().toEpochMilli() >= epochMillis) {
                // a late sample may already hold the next slot's check
                return sample.at().toEpochMilli() - epochMillis <= MAX_SAMPLE_DELAY_MILLIS ? sample.checks().get(monitor) : null;
            }
        }
        return null;
    }

    /** How many slots had each number of checks: {1: n} when every slot was checked exactly once. */
    static Map<Long, Long> histogram(Map<UUID, TreeMap<Instant, Long>> perSlot) {
        Map<Long, Long> histogram = new TreeMap<>();
        perSlot.values().forEach(slots -> slots.values().forEach(n -> histogram.merge(n, 1L, Long::sum)));
        return histogram;
    }
}
