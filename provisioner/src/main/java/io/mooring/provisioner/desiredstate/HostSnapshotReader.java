package io.mooring.provisioner.desiredstate;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.provisioner.isolation.Tenant;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a host's population in one read-only, repeatable-read transaction, so accounts and sites
 * come from the same instant. Accounts in a state that ends their life on the host (DELETED, FAILED,
 * PURGED) have no slice and no sites; any other state, including ones added later, keeps its slice:
 * wrongly keeping a slice is harmless, wrongly dropping one would make the agent stop a live account.
 */
@Singleton
class HostSnapshotReader {
    private static final String GONE_SQL = "('DELETED', 'FAILED', 'PURGED')";
    private static final String SUSPENDED = "SUSPENDED";

    private final JdbcOperations jdbc;

    HostSnapshotReader(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public Optional<HostSnapshot> read(UUID hostId) {
        Optional<Long> memory = jdbc.prepareStatement("SELECT memory_mb FROM host WHERE id = ?", statement -> {
            statement.setObject(1, hostId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        });
        return memory.map(memoryMb -> new HostSnapshot(hostId, memoryMb, tenants(hostId), sites(hostId)));
    }

    private List<Tenant> tenants(UUID hostId) {
        return jdbc.prepareStatement("""
                SELECT a.id, a.name, a.state, p.memory_high_mb, p.memory_max_mb, p.tasks_max
                FROM account a JOIN plan p ON p.name = a.plan
                WHERE a.host_id = ? AND a.state NOT IN %s
                """.formatted(GONE_SQL), statement -> {
            List<Tenant> tenants = new ArrayList<>();
            try (ResultSet rows = query(statement, hostId)) {
                while (rows.next()) {
                    tenants.add(new Tenant(rows.getObject("id", UUID.class), rows.getString("name"),
                            SUSPENDED.equals(rows.getString("state")), rows.getLong("memory_high_mb"),
                            rows.getLong("memory_max_mb"), rows.getInt("tasks_max")));
                }
            }
            return tenants;
        });
    }

    private List<HostSites.Row> sites(UUID hostId) {
        return jdbc.prepareStatement("""
                SELECT r.id, r.account_id, r.spec ->> 'domain' AS domain, r.spec ->> 'upstream' AS upstream, a.state
                FROM resource r JOIN account a ON a.id = r.account_id
                WHERE a.host_id = ? AND a.state NOT IN %s AND r.kind = 'site' AND r.state = 'READY'
                """.formatted(GONE_SQL), statement -> {
            List<HostSites.Row> sites = new ArrayList<>();
            try (ResultSet rows = query(statement, hostId)) {
                while (rows.next()) {
                    sites.add(new HostSites.Row(rows.getObject("id", UUID.class), rows.getObject("account_id", UUID.class),
                            rows.getString("domain"), rows.getString("upstream"), SUSPENDED.equals(rows.getString("state"))));
                }
            }
            return sites;
        });
    }

    private static ResultSet query(PreparedStatement statement, UUID hostId) throws SQLException {
        statement.setObject(1, hostId);
        return statement.executeQuery();
    }
}
