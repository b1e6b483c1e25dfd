package io.mooring.monitor.schedule;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorRepository;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The schedule in Postgres: each probed monitor's {@code next_check_at}. A claim takes due rows
 * with {@code FOR UPDATE SKIP LOCKED} and moves each to its next slot in the same statement, so
 * across replicas each slot is claimed once; a replica that dies after claiming loses only that
 * check, and the next slot is anyone's.
 */
@Singleton
public class CheckQueue {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckQueue.class);
    private static final String CLAIM = """
            WITH due AS (
                SELECT id, next_check_at FROM monitor
                WHERE next_check_at <= ? AND state <> 'PAUSED' AND kind <> 'heartbeat'
                ORDER BY next_check_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED)
            UPDATE monitor m
            SET next_check_at = to_timestamp(((((?::bigint - m.check_offset_ms) / (m.interval_seconds * 1000::bigint)) + 1)
                                              * (m.interval_seconds * 1000::bigint) + m.check_offset_ms) / 1000.0)
            FROM due WHERE m.id = due.id
            RETURNING m.id, due.next_check_at""";

    private final JdbcOperations jdbc;
    private final MonitorRepository monitors;

    public CheckQueue(JdbcOperations jdbc, MonitorRepository monitors) {
        this.jdbc = jdbc;
        this.monitors = monitors;
    }

    /** Claims up to {@code max} monitors due at {@code now}, most overdue first. */
    @Transactional
    public List<DueCheck> claim(Instant now, int max) {
        Map<UUID, Instant> due = jdbc.prepareStatement(CLAIM, ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, max);
            ps.setLong(3, now.toEpochMilli());
            Map<UUID, Instant> claimed = new HashMap<>();
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    claimed.put(rows.getObject(1, UUID.class), rows.getTimestamp(2).toInstant());
                }
            }
            return claimed;
        });
        if (due.isEmpty()) {
            return List.of();
        }
        LOG.debug("claimed at {}: {}", now, due);
        List<DueCheck> checks = new ArrayList<>(due.size());
        for (Monitor monitor : monitors.findByIdIn(due.keySet())) {
            checks.add(new DueCheck(monitor, due.get(monitor.id())));
        }
        checks.sort(java.util.Comparator.comparing(DueCheck::dueAt));
        return checks;
    }

    /** Puts the monitor at its slot: the first at or after {@code from}. Called when it is created, re-timed or resumed. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void place(UUID id, int intervalSeconds, Instant from) {
        int offset = CheckSlots.offsetMillis(id, intervalSeconds);
        Instant next = CheckSlots.firstAtOrAfter(offset, intervalSeconds, from);
        int placed = jdbc.prepareStatement("UPDATE monitor SET check_offset_ms = ?, next_check_at = ? WHERE id = ?", ps -> {
            ps.setInt(1, offset);
            ps.setTimestamp(2, Timestamp.from(next));
            ps.setObject(3, id);
            return ps.executeUpdate();
        });
        LOG.debug("monitor {} placed at {} ({} row)", id, next, placed);
    }
}
