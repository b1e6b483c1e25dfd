package io.mooring.monitor.status;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code monitor_group_member} rows: which monitors each group shows. */
@Singleton
public class GroupMembers {
    private final JdbcOperations jdbc;

    public GroupMembers(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the monitor to the group; true when it was not a member yet. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean add(UUID groupId, UUID monitorId, Instant at) {
        return jdbc.prepareStatement("""
                INSERT INTO monitor_group_member (group_id, monitor_id, added_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", ps -> {
            ps.setObject(1, groupId);
            ps.setObject(2, monitorId);
            ps.setTimestamp(3, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        });
    }

    /** Removes the monitor from the group; false when it was not a member. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean remove(UUID groupId, UUID monitorId) {
        return jdbc.prepareStatement("DELETE FROM monitor_group_member WHERE group_id = ? AND monitor_id = ?", ps -> {
            ps.setObject(1, groupId);
            ps.setObject(2, monitorId);
            return ps.executeUpdate() == 1;
        });
    }

    /** Up to {@code limit} member ids of the group after {@code after} (null: from the start), in id order. */
    @Transactional
    public List<UUID> page(UUID groupId, UUID after, int limit) {
        return jdbc.prepareStatement("""
                SELECT monitor_id FROM monitor_group_member
                WHERE group_id = ? AND (CAST(? AS UUID) IS NULL OR monitor_id > ?)
                ORDER BY monitor_id LIMIT ?""", ps -> {
            ps.setObject(1, groupId);
            ps.setObject(2, after);
            ps.setObject(3, after);
            ps.setInt(4, limit);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getObject(1, UUID.class));
                }
            }
            return ids;
        });
    }

    /** How many monitors each of those groups has (groups without members absent). */
    @Transactional
    public Map<UUID, Integer> counts(Collection<UUID> groupIds) {
        if (groupIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("""
                SELECT group_id, count(*) FROM monitor_group_member WHERE group_id = ANY(?) GROUP BY group_id""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", groupIds.toArray()));
            Map<UUID, Integer> counts = new HashMap<>();
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    counts.put(row.getObject(1, UUID.class), row.getInt(2));
                }
            }
            return counts;
        });
    }
}
