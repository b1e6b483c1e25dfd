package io.mooring.monitor.status.maintenance;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.monitor.heartbeat.HeartbeatSchedule;
import io.mooring.runtime.http.ProblemException;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code maintenance_window} rows and the monitors each covers. */
@Singleton
public class MaintenanceWindows {
    private static final String COLUMNS = "w.id, w.title, w.description, w.starts_at, w.ends_at, w.created_at, "
            + "w.schedule, w.time_zone, w.duration_seconds, w.phase, w.recurs_until";

    private final JdbcOperations jdbc;

    public MaintenanceWindows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the window once all its monitors are known, locking them meanwhile.
     *
     * @throws ProblemException 400 naming {@code monitorIds[i]} for an unknown monitor
     */
    @Transactional
    public MaintenanceWindow plan(MaintenanceWindow window) {
        requireExisting(window.monitorIds());
        insert(window);
        return window;
    }

    private void requireExisting(List<UUID> monitorIds) {
        List<UUID> existing = lockExisting(monitorIds);
        for (int i = 0; i < monitorIds.size(); i++) {
            if (!existing.contains(monitorIds.get(i))) {
                throw ProblemException.invalid("monitorIds[" + i + "]", "no monitor " + monitorIds.get(i));
            }
        }
    }

    private void insert(MaintenanceWindow window) {
        jdbc.prepareStatement("""
                INSERT INTO maintenance_window (id, title, description, starts_at, ends_at, created_at, schedule,
                                                time_zone, duration_seconds, phase, recurs_until)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, window.id());
            ps.setString(2, window.title());
            ps.setString(3, window.description());
            ps.setTimestamp(4, Timestamp.from(window.startsAt()));
            ps.setTimestamp(5, Timestamp.from(window.endsAt()));
            ps.setTimestamp(6, Timestamp.from(window.createdAt()));
            ps.setString(7, window.schedule() == null ? null : window.schedule().expression());
            ps.setString(8, window.schedule() == null ? null : window.schedule().timeZoneId());
            ps.setObject(9, window.durationSeconds());
            ps.setString(10, window.phase());
            ps.setTimestamp(11, window.until() == null ? null : Timestamp.from(window.until()));
            return ps.executeUpdate();
        });
        insertMonitors(window);
    }

    private void insertMonitors(MaintenanceWindow window) {
        jdbc.prepareStatement("""
                INSERT INTO maintenance_window_monitor (window_id, monitor_id) SELECT ?, unnest(?)""", ps -> {
            ps.setObject(1, window.id());
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", window.monitorIds().toArray()));
            return ps.executeUpdate();
        });
    }

    /** Those of {@code monitorIds} that exist, each locked until the transaction ends. */
    private List<UUID> lockExisting(List<UUID> monitorIds) {
        return jdbc.prepareStatement("SELECT id FROM monitor WHERE id = ANY(?) ORDER BY id FOR SHARE", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", monitorIds.toArray()));
            List<UUID> found = new ArrayList<>();
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    found.add(row.getObject(1, UUID.class));
                }
            }
            return found;
        });
    }

    @Transactional
    public Optional<MaintenanceWindow> find(UUID id) {
        List<MaintenanceWindow> found = select("SELECT " + COLUMNS + " FROM maintenance_window w WHERE w.id = ?",
                ps -> ps.setObject(1, id));
        return found.stream().findFirst();
    }

    /** Up to {@code limit} windows after id {@code after} (null: from the start), in id order. */
    @Transactional
    public List<MaintenanceWindow> page(@Nullable UUID after, int limit) {
        return select("SELECT " + COLUMNS
                + " FROM maintenance_window w WHERE (CAST(? AS UUID) IS NULL OR w.id > ?) ORDER BY w.id LIMIT ?", ps -> {
            ps.setObject(1, after);
            ps.setObject(2, after);
            ps.setInt(3, limit);
        });
    }

    /** Windows not over at {@code now} that cover a monitor of a public group, soonest first; only those monitors listed. */
    @Transactional
    public List<MaintenanceWindow> publicAhead(Instant now, int limit) {
        return select("SELECT " + COLUMNS + " FROM maintenance_window w " + """
                 WHERE w.ends_at > ? AND EXISTS (
                    SELECT 1 FROM maintenance_window_monitor wm
                    JOIN monitor_group_member gm ON gm.monitor_id = wm.monitor_id
                    JOIN monitor_group g ON g.id = gm.group_id
                    WHERE wm.window_id = w.id AND g.is_public)
                ORDER BY w.starts_at, w.id LIMIT ?""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
        }, true);
    }

    /**
     * Whether a window covering the monitor is under way at {@code at}: a one-off window, the occurrence stored, or
     * any run of a recurring window's schedule before its end date (also before the occurrence stored has moved on to it).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean covers(UUID monitorId, Instant at) {
        return jdbc.prepareStatement("""
                SELECT w.starts_at, w.ends_at, w.schedule, w.time_zone, w.duration_seconds, w.recurs_until
                FROM maintenance_window_monitor wm JOIN maintenance_window w ON w.id = wm.window_id
                WHERE wm.monitor_id = ? AND (w.schedule IS NOT NULL OR (w.starts_at <= ? AND w.ends_at > ?))""", ps -> {
            ps.setObject(1, monitorId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setTimestamp(3, Timestamp.from(at));
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    Instant startsAt = row.getTimestamp(1).toInstant();
                    Instant endsAt = row.getTimestamp(2).toInstant();
                    if (!at.isBefore(startsAt) && at.isBefore(endsAt)) {
                        return true;
                    }
                    String schedule = row.getString(3);
                    if (schedule != null) {
                        java.time.Duration duration = java.time.Duration.ofSeconds(row.getInt(5));
                        // a run in (at - duration, at] is under way at `at`
                        Instant run = HeartbeatSchedule.stored(schedule, row.getString(4)).nextRunAfter(at.minus(duration));
                        Timestamp until = row.getTimestamp(6);
                        if (!run.isAfter(at) && (until == null || run.isBefore(until.toInstant()))) {
                            return true;
                        }
                    }
                }
                return false;
            }
        });
    }

    /** Deletes the window; what it was (its row locked meanwhile), or empty when there was none. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<MaintenanceWindow> delete(UUID id) {
        Optional<MaintenanceWindow> found = select("SELECT " + COLUMNS + " FROM maintenance_window w WHERE w.id = ? FOR UPDATE",
                ps -> ps.setObject(1, id)).stream().findFirst();
        found.ifPresent(window -> jdbc.prepareStatement("DELETE FROM maintenance_window WHERE id = ?", ps -> {
            ps.setObject(1, id);
            return ps.executeUpdate();
        }));
        return found;
    }

    /** The window, its row locked until the transaction ends. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<MaintenanceWindow> lock(UUID id) {
        return select("SELECT " + COLUMNS + " FROM maintenance_window w WHERE w.id = ? FOR UPDATE",
                ps -> ps.setObject(1, id)).stream().findFirst();
    }

    /**
     * Up to {@code max} windows in {@code phase} whose occurrence starts ({@code ahead}) or ends ({@code under-way})
     * at or before {@code now}, locked with {@code SKIP LOCKED}: another replica claims others.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<MaintenanceWindow> claimDue(String phase, Instant now, int max) {
        String due = MaintenanceWindow.AHEAD.equals(phase) ? "w.starts_at" : "w.ends_at";
        return select("SELECT " + COLUMNS + " FROM maintenance_window w WHERE w.phase = ? AND " + due + " <= ? ORDER BY "
                + due + ", w.id LIMIT ? FOR UPDATE SKIP LOCKED", ps -> {
            ps.setString(1, phase);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setInt(3, max);
        });
    }

    /** Stores the window's timing, phase, title, description and monitors as given. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void save(MaintenanceWindow window) {
        jdbc.prepareStatement("""
                UPDATE maintenance_window SET title = ?, description = ?, starts_at = ?, ends_at = ?, schedule = ?,
                    time_zone = ?, duration_seconds = ?, phase = ?, recurs_until = ? WHERE id = ?""", ps -> {
            ps.setString(1, window.title());
            ps.setString(2, window.description());
            ps.setTimestamp(3, Timestamp.from(window.startsAt()));
            ps.setTimestamp(4, Timestamp.from(window.endsAt()));
            ps.setString(5, window.schedule() == null ? null : window.schedule().expression());
            ps.setString(6, window.schedule() == null ? null : window.schedule().timeZoneId());
            ps.setObject(7, window.durationSeconds());
            ps.setString(8, window.phase());
            ps.setTimestamp(9, window.until() == null ? null : Timestamp.from(window.until()));
            ps.setObject(10, window.id());
            return ps.executeUpdate();
        });
    }

    /**
     * Replaces the window's monitors once all are known, locking them meanwhile.
     *
     * @throws ProblemException 400 naming {@code monitorIds[i]} for an unknown monitor
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void replaceMonitors(MaintenanceWindow window) {
        requireExisting(window.monitorIds());
        jdbc.prepareStatement("DELETE FROM maintenance_window_monitor WHERE window_id = ?", ps -> {
            ps.setObject(1, window.id());
            return ps.executeUpdate();
        });
        insertMonitors(window);
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<MaintenanceWindow> select(String sql, Binder binder) {
        return select(sql, binder, false);
    }

    private List<MaintenanceWindow> select(String sql, Binder binder, boolean publicMonitorsOnly) {
        List<MaintenanceWindow> windows = jdbc.prepareStatement(sql, ps -> {
            binder.bind(ps);
            List<MaintenanceWindow> found = new ArrayList<>();
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    String schedule = row.getString("schedule");
                    found.add(new MaintenanceWindow(row.getObject("id", UUID.class), row.getString("title"),
                            row.getString("description"), row.getTimestamp("starts_at").toInstant(),
                            row.getTimestamp("ends_at").toInstant(), row.getTimestamp("created_at").toInstant(), List.of(),
                            schedule == null ? null : HeartbeatSchedule.stored(schedule, row.getString("time_zone")),
                            (Integer) row.getObject("duration_seconds"), row.getString("phase"),
                            row.getTimestamp("recurs_until") == null ? null : row.getTimestamp("recurs_until").toInstant()));
                }
            }
            return found;
        });
        if (windows.isEmpty()) {
            return windows;
        }
        Map<UUID, List<UUID>> monitors = monitorsOf(windows.stream().map(MaintenanceWindow::id).toList(), publicMonitorsOnly);
        return windows.stream().map(w -> w.withMonitors(monitors.getOrDefault(w.id(), List.of()))).toList();
    }

    private Map<UUID, List<UUID>> monitorsOf(List<UUID> windowIds, boolean publicOnly) {
        return jdbc.prepareStatement("""
                SELECT wm.window_id, wm.monitor_id FROM maintenance_window_monitor wm
                WHERE wm.window_id = ANY(?) AND (NOT ? OR EXISTS (
                    SELECT 1 FROM monitor_group_member gm JOIN monitor_group g ON g.id = gm.group_id
                    WHERE gm.monitor_id = wm.monitor_id AND g.is_public))
                ORDER BY wm.window_id, wm.monitor_id""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", windowIds.toArray()));
            ps.setBoolean(2, publicOnly);
            Map<UUID, List<UUID>> found = new HashMap<>();
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    found.computeIfAbsent(row.getObject(1, UUID.class), id -> new ArrayList<>()).add(row.getObject(2, UUID.class));
                }
            }
            return found;
        });
    }
}
