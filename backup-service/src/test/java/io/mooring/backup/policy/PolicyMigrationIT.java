package io.mooring.backup.policy;

import io.mooring.stack.PostgresServer;
import io.mooring.stack.Servers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema migrations against real Postgres, from a database written by the first version. */
class PolicyMigrationIT {

    @Test
    void marksTheDefaultAccountWidePoliciesSoThatPerResourcePoliciesReplaceThem() throws SQLException {
        PostgresServer postgres = Servers.postgres();
        String database = "backups_migration_" + Long.toHexString(System.nanoTime());
        postgres.createDatabase(database);
        flyway(postgres, database, "1").migrate();
        UUID defaultPolicy = UUID.randomUUID();
        UUID longerByHand = UUID.randomUUID();
        UUID bucket = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password())) {
            insert(c, defaultPolicy, "account", "blue-harbour", "0 3 * * *", 14);
            insert(c, longerByHand, "account", "blue-harbour-2", "0 3 * * *", 30);
            insert(c, bucket, "bucket", "media", "0 3 * * *", 14);
        }

        flyway(postgres, database, "latest").migrate();

        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password())) {
            assertThat(origins(c)).containsOnly(
                    Map.entry(defaultPolicy, "default"), Map.entry(longerByHand, "operator"), Map.entry(bucket, "operator"));
            try (var rows = c.createStatement().executeQuery(
                    "SELECT count(*) FROM backup_policy WHERE paused_by_suspension OR keep_within IS NULL")) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    private static Flyway flyway(PostgresServer postgres, String database, String target) {
        return Flyway.configure().dataSource(postgres.jdbcUrl(database), postgres.user(), postgres.password())
                .locations("classpath:db/runtime", "classpath:db/migration").target(target).load();
    }

    private static void insert(Connection c, UUID id, String kind, String name, String schedule, int days) throws SQLException {
        try (var insert = c.prepareStatement("""
                INSERT INTO backup_policy (id, account_id, target_kind, target_name, schedule, retention_days, state,
                                           created_at, updated_at)
                VALUES (?, 'acct-1', ?, ?, ?, ?, 'ACTIVE', now(), now())
                """)) {
            insert.setObject(1, id);
            insert.setString(2, kind);
            insert.setString(3, name);
            insert.setString(4, schedule);
            insert.setInt(5, days);
            insert.executeUpdate();
        }
    }

    private static Map<UUID, String> origins(Connection c) throws SQLException {
        Map<UUID, String> origins = new HashMap<>();
        try (var rows = c.createStatement().executeQuery("SELECT id, origin FROM backup_policy")) {
            while (rows.next()) {
                origins.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
        }
        return origins;
    }
}
