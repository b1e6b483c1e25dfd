package io.mooring.monitor.chatops;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.events.monitoring.StatusReported;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to {@code status.show}: monitors counted by state and the open incidents (titles oldest
 * first, at most {@link StatusReported#MAX_TITLES}). Target {@code platform} counts every monitor; any
 * other target is read as an account id and counts that account's monitors.
 */
@Singleton
public class StatusReports {
    /** The target that asks about every monitor. */
    public static final String PLATFORM = "platform";

    private final JdbcOperations jdbc;

    public StatusReports(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public StatusReported report(CommandIssued command) {
        String account = PLATFORM.equals(command.target()) ? null : command.target();
        Map<MonitorState, Long> counts = new EnumMap<>(MonitorState.class);
        jdbc.prepareStatement("SELECT state, count(*) FROM monitor WHERE (CAST(? AS TEXT) IS NULL OR account_id = ?) "
                + "GROUP BY state", ps -> {
            ps.setString(1, account);
            ps.setString(2, account);
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    counts.put(MonitorState.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
        List<String> titles = new ArrayList<>();
        long open = jdbc.prepareStatement("""
                SELECT title, count(*) OVER () FROM incident
                WHERE resolved_at IS NULL AND (CAST(? AS TEXT) IS NULL OR account_id = ?)
                ORDER BY opened_at, id LIMIT ?""", ps -> {
            ps.setString(1, account);
            ps.setString(2, account);
            ps.setInt(3, StatusReported.MAX_TITLES);
            long total = 0;
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    titles.add(rows.getString(1));
                    total = rows.getLong(2);
                }
            }
            return total;
        });
        long down = counts.getOrDefault(MonitorState.DOWN, 0L);
        long degraded = counts.getOrDefault(MonitorState.DEGRADED, 0L);
        MonitorState overall = down > 0 ? MonitorState.DOWN : degraded > 0 ? MonitorState.DEGRADED : MonitorState.UP;
        return new StatusReported(command.commandId(), command.target(), overall.wireName(),
                counts.getOrDefault(MonitorState.UP, 0L), degraded, down, counts.getOrDefault(MonitorState.PAUSED, 0L),
                titles, open);
    }
}
