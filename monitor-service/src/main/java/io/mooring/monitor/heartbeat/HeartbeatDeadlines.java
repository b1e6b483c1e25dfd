package io.mooring.monitor.heartbeat;

import io.micronaut.core.annotation.Nullable;
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
 * (or creation, or resume) plus interval plus grace, or on a {@link HeartbeatSchedule} the schedule's
 * next run after it plus grace. Null while paused and once a miss was claimed,
 * until the next check-in, so each miss is reported once. Every method joins the caller's transaction.
 */
@Singleton
public class HeartbeatDeadlines {
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

    /** Expects a check-in one period (or, on a schedule, the next run and the grace) after {@code from}: creation or resume. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void expect(UUID id, Instant from) {
        heartbeat(id).ifPresent(h -> set(id, h.deadlineAfter(from)));
    }

    /** No deadline while paused. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void stop(UUID id) {
        update("UPDATE monitor SET heartbeat_deadline = NULL WHERE id = ?", ps -> ps.setObject(1, id));
    }

    /**
     * After a change of interval, grace or schedule: the deadline counts from the last check-in (or {@code now}), unless
     * a miss is already reported (the next check-in then starts a deadline on the new terms).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void retime(UUID id, Instant now) {
        heartbeat(id).filter(h -> h.deadline() != null)
                .ifPresent(h -> set(id, h.deadlineAfter(h.lastCheckIn() == null ? now : h.lastCheckIn())));
    }

    /** Records a check-in at {@code at}; the next is expected one period later unless the monitor is paused. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void checkedIn(UUID id, Instant at, boolean paused) {
        Instant deadline = paused ? null : heartbeat(id).map(h -> h.deadlineAfter(at)).orElse(null);
        update("UPDATE monitor SET last_check_in_at = ?, heartbeat_deadline = ? WHERE id = ?", ps -> {
            ps.setObject(1, at(at));
            ps.setObject(2, deadline == null ? null : at(deadline));
            ps.setObject(3, id);
        });
    }

    /** Stores a heartbeat's schedule (null: it has a period only). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void schedule(UUID id, @Nullable HeartbeatSchedule schedule) {
        update("UPDATE monitor SET schedule = ?, time_zone = ? WHERE id = ?", ps -> {
            ps.setString(1, schedule == null ? null : schedule.expression());
            ps.setString(2, schedule == null ? null : schedule.timeZoneId());
            ps.setObject(3, id);
        });
    }

    /** A heartbeat's schedule, or null when it has a period (or is no heartbeat). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public @Nullable HeartbeatSchedule scheduleOf(UUID id) {
        return heartbeat(id).map(Heartbeat::schedule).orElse(null);
    }

    /** What a heartbeat's deadline is computed from. */
    private record Heartbeat(int intervalSeconds, int graceSeconds, @Nullable HeartbeatSchedule schedule,
                             @Nullable Instant lastCheckIn, @Nullable Instant deadline) {

        /** The next run after {@code from} plus the grace on a schedule; one period after {@code from} otherwise. */
        Instant deadlineAfter(Instant from) {
            Instant due = schedule == null ? from.plusSeconds(intervalSeconds) : schedule.nextRunAfter(from);
            return due.plusSeconds(graceSeconds);
        }
    }

    private Optional<Heartbeat> heartbeat(UUID id) {
        return jdbc.prepareStatement("""
                SELECT interval_seconds, grace_seconds, schedule, time_zone, last_check_in_at, heartbeat_deadline
                FROM monitor WHERE id = ? AND kind = 'heartbeat'""", ps -> {
            ps.setObject(1, id);
            try (ResultSet row = ps.executeQuery()) {
                if (!row.next()) {
                    return Optional.<Heartbeat>empty();
                }
                String schedule = row.getString(3);
                return Optional.of(new Heartbeat(row.getInt(1), row.getInt(2),
                        schedule == null ? null : HeartbeatSchedule.stored(schedule, row.getString(4)),
                        instant(row, 5), instant(row, 6)));
            }
        });
    }

    private void set(UUID id, Instant deadline) {
        update("UPDATE monitor SET heartbeat_deadline = ? WHERE id = ?", ps -> {
            ps.setObject(1, at(deadline));
            ps.setObject(2, id);
        });
    }

    /** What the API shows of a heartbeat beyond its columns: its schedule and last check-in. */
    public record Shown(@Nullable String schedule, @Nullable String timeZone, @Nullable Instant lastCheckInAt) {
    }

    /** The schedules and last check-ins of those heartbeat monitors. */
    @Transactional
    public Map<UUID, Shown> shown(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("SELECT id, schedule, time_zone, last_check_in_at FROM monitor WHERE id = ANY(?)",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids.toArray()));
                    Map<UUID, Shown> found = new HashMap<>();
                    try (ResultSet rows = ps.executeQuery()) {
                        while (rows.next()) {
                            found.put(rows.getObject(1, UUID.class),
                                    new Shown(rows.getString(2), rows.getString(3), instant(rows, 4)));
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
