package io.mooring.monitor.status;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.rollup.UptimeDay;
import io.mooring.monitor.rollup.UptimeDays;
import io.mooring.monitor.status.maintenance.MaintenanceWindows;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads what visitors may see: public groups, their monitors and open incidents, never a monitor of
 * no public group. Every read is a query by set (a page of groups, their shown monitors, those
 * monitors' days), so the cost follows the page shown, not the number of monitors.
 */
@Singleton
public class PublicStatus {
    /** Days the uptime bars cover, today included. */
    public static final int BAR_DAYS = 90;
    /** Days a badge's uptime covers, today included. */
    public static final int BADGE_DAYS = 30;
    private static final int MAX_INCIDENTS = 50;
    private static final int MAX_MAINTENANCE = 20;

    private final JdbcOperations jdbc;
    private final UptimeDays uptime;
    private final MaintenanceWindows maintenance;
    private final Clock clock;
    private final int groupsPerPage;
    private final int monitorsPerGroup;
    private final int monitorsPerPage;

    public PublicStatus(JdbcOperations jdbc, UptimeDays uptime, MaintenanceWindows maintenance, Clock clock,
                        @Value("${mooring.status.groups-per-page:10}") int groupsPerPage,
                        @Value("${mooring.status.monitors-per-group:10}") int monitorsPerGroup,
                        @Value("${mooring.status.monitors-per-page:50}") int monitorsPerPage) {
        this.jdbc = jdbc;
        this.uptime = uptime;
        this.maintenance = maintenance;
        this.clock = clock;
        this.groupsPerPage = groupsPerPage;
        this.monitorsPerGroup = monitorsPerGroup;
        this.monitorsPerPage = monitorsPerPage;
    }

    /** Page {@code page} (1-based) of the public groups, each with its first monitors. */
    @Transactional(readOnly = true)
    public StatusSnapshot overview(int page) {
        Instant now = clock.instant();
        int total = jdbc.prepareStatement("SELECT count(*) FROM monitor_group WHERE is_public", ps -> {
            try (ResultSet row = ps.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
        List<GroupRow> rows = groupRows(null, (page - 1) * groupsPerPage, groupsPerPage);
        return snapshot(now, rows, 0, monitorsPerGroup, page, pages(total, groupsPerPage), null);
    }

    /** Page {@code page} (1-based) of one public group's monitors; empty for a group that is not public. */
    @Transactional(readOnly = true)
    public Optional<StatusSnapshot> group(UUID groupId, int page) {
        Instant now = clock.instant();
        List<GroupRow> rows = groupRows(groupId, 0, 1);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        int pages = pages(rows.getFirst().members(), monitorsPerPage);
        return Optional.of(snapshot(now, rows, (page - 1) * monitorsPerPage, monitorsPerPage, page, pages, groupId));
    }

    /** A monitor's state and uptime over {@link #BADGE_DAYS}; empty unless it is in a public group. */
    @Transactional(readOnly = true)
    public Optional<Badge> monitorBadge(UUID monitorId) {
        Optional<MonitorState> state = jdbc.prepareStatement("""
                SELECT m.state FROM monitor m WHERE m.id = ? AND EXISTS (
                    SELECT 1 FROM monitor_group_member gm JOIN monitor_group g ON g.id = gm.group_id
                    WHERE gm.monitor_id = m.id AND g.is_public)""", ps -> {
            ps.setObject(1, monitorId);
            try (ResultSet row = ps.executeQuery()) {
                return row.next() ? Optional.of(MonitorState.valueOf(row.getString(1))) : Optional.<MonitorState>empty();
            }
        });
        return state.map(s -> new Badge(s, UptimeDay.uptimePercent(
                uptime.since(List.of(monitorId), firstDay(BADGE_DAYS)).getOrDefault(monitorId, List.of()))));
    }

    /** A public group's state (its worst member's) and its members' uptime over {@link #BADGE_DAYS}; empty unless public. */
    @Transactional(readOnly = true)
    public Optional<Badge> groupBadge(UUID groupId) {
        List<GroupRow> rows = groupRows(groupId, 0, 1);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Double percent = jdbc.prepareStatement("""
                SELECT sum(d.passed + d.degraded), sum(d.checks) FROM monitor_uptime_day_counts d
                WHERE d.monitor_id = ANY(ARRAY(SELECT monitor_id FROM monitor_group_member WHERE group_id = ?))
                  AND d.day >= ?""", ps -> {
            ps.setObject(1, groupId);
            ps.setDate(2, Date.valueOf(firstDay(BADGE_DAYS)));
            try (ResultSet row = ps.executeQuery()) {
                row.next();
                long all = row.getLong(2);
                return all == 0 ? null : 100.0 * row.getLong(1) / all;
            }
        });
        return Optional.of(new Badge(PublicState.worst(rows.getFirst().counts().keySet()), percent));
    }

    /** What a badge shows. */
    public record Badge(MonitorState state, @Nullable Double uptimePercent) {
    }

    private StatusSnapshot snapshot(Instant now, List<GroupRow> rows, int offset, int perGroup, int page, int pages,
                                    @Nullable UUID onlyGroup) {
        Map<UUID, List<MonitorRow>> shown = monitorRows(rows.stream().map(GroupRow::id).toList(), offset, perGroup);
        List<UUID> shownIds = shown.values().stream().flatMap(List::stream).map(MonitorRow::id).distinct().toList();
        LocalDate firstDay = firstDay(BAR_DAYS);
        Map<UUID, List<UptimeDay>> days = uptime.since(shownIds, firstDay);
        List<StatusSnapshot.Group> groups = new ArrayList<>();
        for (GroupRow row : rows) {
            List<StatusSnapshot.Monitor> monitors = shown.getOrDefault(row.id(), List.of()).stream()
                    .map(m -> new StatusSnapshot.Monitor(m.id(), m.name(), m.kind(), m.state(),
                            days.getOrDefault(m.id(), List.of())))
                    .toList();
            groups.add(new StatusSnapshot.Group(row.id(), row.name(), row.description(), row.members(), row.counts(),
                    monitors, pages(row.members(), monitorsPerPage)));
        }
        return new StatusSnapshot(now, firstDay, UptimeDays.dayOf(now), groups, openIncidents(onlyGroup),
                maintenance.publicAhead(now, MAX_MAINTENANCE), page, pages, onlyGroup);
    }

    private LocalDate firstDay(int days) {
        return UptimeDays.dayOf(clock.instant()).minusDays(days - 1);
    }

    private static int pages(int items, int perPage) {
        return Math.max(1, (items + perPage - 1) / perPage);
    }

    private record GroupRow(UUID id, String name, @Nullable String description, int members,
                            Map<MonitorState, Integer> counts) {
    }

    private record MonitorRow(UUID id, String name, String kind, MonitorState state) {
    }

    /** Public groups in page order (one, when {@code only} is set), with how many members are in each state. */
    private List<GroupRow> groupRows(@Nullable UUID only, int offset, int limit) {
        return jdbc.prepareStatement("""
                WITH page AS (
                    SELECT * FROM monitor_group
                    WHERE is_public AND (CAST(? AS UUID) IS NULL OR id = ?)
                    ORDER BY position, name, id OFFSET ? LIMIT ?)
                SELECT p.id, p.name, p.description, p.position, m.state, count(m.id) AS members
                FROM page p
                LEFT JOIN monitor_group_member gm ON gm.group_id = p.id
                LEFT JOIN monitor m ON m.id = gm.monitor_id
                GROUP BY p.id, p.name, p.description, p.position, m.state
                ORDER BY p.position, p.name, p.id""", ps -> {
            ps.setObject(1, only);
            ps.setObject(2, only);
            ps.setInt(3, offset);
            ps.setInt(4, limit);
            Map<UUID, GroupRow> groups = new LinkedHashMap<>();
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    UUID id = row.getObject("id", UUID.class);
                    GroupRow seen = groups.get(id);
                    Map<MonitorState, Integer> counts = seen == null ? new EnumMap<>(MonitorState.class) : seen.counts();
                    int members = seen == null ? 0 : seen.members();
                    String state = row.getString("state");
                    if (state != null) {
                        counts.put(MonitorState.valueOf(state), row.getInt("members"));
                        members += row.getInt("members");
                    }
                    groups.put(id, new GroupRow(id, row.getString("name"), row.getString("description"), members, counts));
                }
            }
            return List.copyOf(groups.values());
        });
    }

    /** Up to {@code limit} members of each group from {@code offset} on, by name. */
    private Map<UUID, List<MonitorRow>> monitorRows(List<UUID> groupIds, int offset, int limit) {
        if (groupIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("""
                SELECT group_id, id, name, kind, state FROM (
                    SELECT gm.group_id, m.id, m.name, m.kind, m.state,
                           row_number() OVER (PARTITION BY gm.group_id ORDER BY m.name, m.id) AS n
                    FROM monitor_group_member gm JOIN monitor m ON m.id = gm.monitor_id
                    WHERE gm.group_id = ANY(?)) ranked
                WHERE n > ? AND n <= ?
                ORDER BY group_id, n""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", groupIds.toArray()));
            ps.setInt(2, offset);
            ps.setInt(3, offset + limit);
            Map<UUID, List<MonitorRow>> found = new LinkedHashMap<>();
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    found.computeIfAbsent(row.getObject("group_id", UUID.class), id -> new ArrayList<>())
                            .add(new MonitorRow(row.getObject("id", UUID.class), row.getString("name"),
                                    row.getString("kind"), MonitorState.valueOf(row.getString("state"))));
                }
            }
            return found;
        });
    }

    /** Open incidents of monitors in a public group (in {@code only}, when set), newest first. */
    private List<StatusSnapshot.OpenIncident> openIncidents(@Nullable UUID only) {
        return jdbc.prepareStatement("""
                SELECT i.id, i.monitor_id, i.title, i.opened_at FROM incident i
                WHERE i.resolved_at IS NULL AND EXISTS (
                    SELECT 1 FROM monitor_group_member gm JOIN monitor_group g ON g.id = gm.group_id
                    WHERE gm.monitor_id = i.monitor_id AND g.is_public AND (CAST(? AS UUID) IS NULL OR g.id = ?))
                ORDER BY i.opened_at DESC, i.id LIMIT ?""", ps -> {
            ps.setObject(1, only);
            ps.setObject(2, only);
            ps.setInt(3, MAX_INCIDENTS);
            return readIncidents(ps);
        });
    }

    private static List<StatusSnapshot.OpenIncident> readIncidents(PreparedStatement ps) throws SQLException {
        List<StatusSnapshot.OpenIncident> incidents = new ArrayList<>();
        try (ResultSet row = ps.executeQuery()) {
            while (row.next()) {
                incidents.add(new StatusSnapshot.OpenIncident(row.getObject("id", UUID.class),
                        row.getObject("monitor_id", UUID.class), row.getString("title"),
                        row.getTimestamp("opened_at").toInstant()));
            }
        }
        return incidents;
    }
}
