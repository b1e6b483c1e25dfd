package io.mooring.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServersExtension.class)
class PostgresIT {

    @Test
    void createsADatabaseOnceAndRunsQueriesInIt(PostgresServer postgres) throws Exception {
        postgres.createDatabase("mooring_it");
        postgres.createDatabase("mooring_it");

        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("mooring_it"), postgres.user(),
                postgres.password()); Statement s = c.createStatement()) {
            s.execute("create table orders(id serial primary key, doc jsonb not null)");
            s.execute("insert into orders(doc) values ('{\"amount\": 2}'), ('{\"amount\": 5}')");
            ResultSet rs = s.executeQuery("select current_database(), current_setting('server_version_num')::int,"
                    + " sum((doc->>'amount')::int) from orders");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("mooring_it");
            assertThat(rs.getInt(2) / 10000).isEqualTo(15);
            assertThat(rs.getInt(3)).isEqualTo(7);
        }
    }

    @Test
    void checksEveryPasswordWithScram(PostgresServer postgres) throws Exception {
        assertThat(postgres.password()).hasSizeGreaterThanOrEqualTo(32);
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
             Statement s = c.createStatement()) {
            s.execute("drop role if exists it_tenant");
            s.execute("create role it_tenant login password 'right-one'");
            ResultSet rs = s.executeQuery("select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'");
            rs.next();
            assertThat(rs.getInt(1)).as("pg_hba.conf lines that do not ask for SCRAM").isZero();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("postgres"), "it_tenant", "wrong-one").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), "postgres").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "it_tenant", "right-one")) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void aFrozenServerKeepsItsConnectionsButAnswersNothingUntilThawed(PostgresServer postgres) throws Exception {
        Properties settings = new Properties();
        settings.setProperty("user", postgres.user());
        settings.setProperty("password", postgres.password());
        settings.setProperty("socketTimeout", "1");
        settings.setProperty("connectTimeout", "2");
        try (Connection before = DriverManager.getConnection(postgres.jdbcUrl("postgres"), settings)) {
            postgres.freeze();
            try {
                assertThatThrownBy(() -> before.createStatement().execute("select 1"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
                assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("postgres"), settings).close())
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
            } finally {
                postgres.thaw();
            }
        }
        try (Connection after = DriverManager.getConnection(postgres.jdbcUrl("postgres"), settings)) {
            assertThat(after.isValid(2)).isTrue();
        }
    }

    @Test
    void tenantDatabasesLiveOnAServerOfTheirOwn(PostgresServer services, TenantPostgresServer tenants) throws Exception {
        assertThat(tenants.port()).isNotEqualTo(services.port());
        assertThat(tenants.password()).isNotEqualTo(services.password());
        try (Connection c = DriverManager.getConnection(tenants.jdbcUrl("postgres"), tenants.user(), tenants.password())) {
            assertThat(c.isValid(2)).isTrue();
        }
    }
}
