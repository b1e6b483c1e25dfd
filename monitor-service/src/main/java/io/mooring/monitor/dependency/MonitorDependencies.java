package io.mooring.monitor.dependency;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;

/**
 * Which monitors depend on which ({@code monitor_dependency}): the monitors made for an account's
 * resources depend on the monitor made for the host the account is placed on ({@code account_host},
 * from {@code AccountPlaced}). Linked when both exist, whichever comes first. In the caller's transaction.
 */
@Singleton
public class MonitorDependencies {
    /** A monitor depended on, as a dependent sees it. */
    public record Upstream(UUID id, String name, String state) {
        public boolean down() {
            return "DOWN".equals(state);
        }
    }

    private static final String LINK = """
            INSERT INTO monitor_dependency (monitor_id, depends_on)
            SELECT m.id, h.id FROM monitor m
            JOIN account_host a ON a.account_id = m.account_id
            JOIN monitor h ON h.provisioned_for = 'host:' || a.host_id
            WHERE m.provisioned_for LIKE 'resource:%%' AND %s
            ON CONFLICT DO NOTHING""";

    private final JdbcOperations jdbc;

    public MonitorDependencies(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The account is placed on the host: its resources' monitors now depend on that host's monitor (only). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void placed(String accountId, String hostId) {
        jdbc.prepareStatement("""
                INSERT INTO account_host (account_id, host_id) VALUES (?, ?)
                ON CONFLICT (account_id) DO UPDATE SET host_id = EXCLUDED.host_id""", ps -> {
            ps.setString(1, accountId);
            ps.setString(2, hostId);
            return ps.executeUpdate();
        });
        // a move to another host drops the links to the former one
        jdbc.prepareStatement("""
                DELETE FROM monitor_dependency d USING monitor m
                WHERE d.monitor_id = m.id AND m.account_id = ?""", ps -> {
            ps.setString(1, accountId);
            return ps.executeUpdate();
        });
        link("m.account_id = ?", accountId);
    }

    /** A monitor was made for a resource of the account: links it when the account's host has one. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void resourceWatched(String accountId) {
        link("m.account_id = ?", accountId);
    }

    /** A monitor was made for the host: links the monitors of the accounts placed on it. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void hostWatched(String hostId) {
        link("a.host_id = ?", hostId);
    }

    /** A monitor this one depends on, one that is DOWN when there is one; empty when it depends on none. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<Upstream> upstream(UUID monitorId) {
        return jdbc.prepareStatement("""
                SELECT h.id, h.name, h.state FROM monitor_dependency d JOIN monitor h ON h.id = d.depends_on
                WHERE d.monitor_id = ? ORDER BY h.state = 'DOWN' DESC, h.id LIMIT 1""", ps -> {
            ps.setObject(1, monitorId);
            try (ResultSet row = ps.executeQuery()) {
                return row.next()
                        ? Optional.of(new Upstream(row.getObject(1, UUID.class), row.getString(2), row.getString(3)))
                        : Optional.<Upstream>empty();
            }
        });
    }

    private void link(String condition, String value) {
        jdbc.prepareStatement(LINK.formatted(condition), ps -> {
            ps.setString(1, value);
            return ps.executeUpdate();
        });
    }
}
