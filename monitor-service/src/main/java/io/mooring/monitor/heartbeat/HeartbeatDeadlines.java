package io.mooring.monitor.heartbeat;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * When each heartbeat monitor must check in by: {@code monitor.heartbeat_deadline}, the last check-in
 * (or creation, or resume) plus interval plus grace. Null while paused and once a miss was claimed,
 * until the next check-in, so each miss is reported once. Every method joins the caller's transaction.
 */
@Singleton
public class HeartbeatDeadlines {
    private static final String PERIOD = "make_interval(secs => interval_seconds + grace_seconds)";
    private static final String CLAIM = """
            WITH due AS (
                SELECT id, heartbeat_deadline FROM monitor
                WHERE heartbeat_deadline <= ? AND state <> 'PAUSED'
                ORDER BY heartbeat_deadline
                LIMIT ?
                FOR UPDATE SKIP LOCKED)
            UPDATE monitor m SET heartbeat_deadline = NULL
            FROM due WHERE m.id = due.id
            RETURNING m.id, m.last_check_in_at, due.heartbeat_deadline""";

    private final JdbcOperations jdbc;

    public HeartbeatDeadlines(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A heartbeat whose deadline passed, claimed (its deadline cleared) in the caller's transaction. */
    public record Missed(UUID monitorId, Optional<Instant> lastCheckIn, Instant deadline) {
    }

    /** Expects a check-in one period after {@code from} (creation or resume). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void expect(UUID id, Instant from) {
        update("UPDATE monitor SET heartbeat_deadline = ? + " + PERIOD + " WHERE id = ? AND kind = 'heartbeat'",
                ps -> {
                    ps.setObject(1, at(from));
                    ps.setObject(2, id);
                });
    }

    /** No deadline while paused. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void stop(UUID id) {
        update("UPDATE monitor SET heartbeat_deadline = NULL WHERE id = ?", ps -> ps.setObject(1, id));
    }

    /** After a change of interval or grace: the deadline counts from the last check-in (or {@code now}), unless a miss is already reported. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void retime(UUID id, Instant now) {
        update("UPDATE monitor SET heartbeat_deadline = COALESCE(last_check_in_at, ?) + " + PERIOD
                + " WHERE id = ? AND heartbeat_deadline IS NOT NULL", ps -> {
            ps.setObject(1, at(now));
            ps.setObject(2, id);
        });
    }

    /** Records a check-in at {@code at}; the next is expected one period later unless the monitor is paused. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void checkedIn(UUID id, Instant at, boolean paused) {
        update("UPDATE monitor SET last_check_in_at = ?, heartbeat_deadline = CASE WHEN ? THEN NULL ELSE ? + " + PERIOD
                + " END WHERE id = ?", ps -> {
            ps.setObject(1, at(at));
            ps.setBoolean(2, paused);
            ps.setObject(3, at(at));
            ps.setObject(4, id);
        });
    }

    /** When the jobs of those monitors last checked in, for those that ever did. */
    @Transactional
    public Map<UUID, Instant> lastCheckIns(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("SELECT id, last_check_in_at FROM monitor WHERE id = ANY(?) AND last_check_in_at IS NOT NULL",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids.toArray()));
                    Map<UUID, Instant> found = new HashMap<>();
                    try (ResultSet rows = ps.executeQuery()) {
                        while (rows.next()) {
                            found.put(rows.getObject(1, UUID.class), instant(rows, 2));
                        }
                    }
                    return found;
                });
    }

    /** Claims up to {@code max} unpaused heartbeats whose deadline is at or before {@code now}, most overdue first. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<Missed> claimMissed(Instant now, int max) {
        return jdbc.prepareStatement(CLAIM, ps -> {
            ps.setObject(1, at(now));
            ps.setInt(2, max);
            List<Missed> missed = new ArrayList<>();
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    missed.add(new Missed(rows.getObject(1, UUID.class), Optional.ofNullable(instant(rows, 2)),
                            instant(rows, 3)));
                }
            }
            missed.sort(java.util.Comparator.comparing(Missed::deadline));
            return missed;
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        jdbc.prepareStatement(sql, ps -> {
            binder.bind(ps);
            return ps.executeUpdate();
        });
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
