package io.mooring.runtime.store;

import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.testing.RealServersProperties;
import io.mooring.stack.PostgresServer;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runtime's migrations make a service's database its own, wherever it is deployed. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceDatabaseAccessIT implements TestPropertyProvider {

    @Value("${mooring.pg.database}")
    String database;

    @Override
    public Map<String, String> getProperties() {
        return RealServersProperties.withFreshDatabase("private", ServerKind.KAFKA, ServerKind.POSTGRES);
    }

    @Test
    void anotherRoleOnTheSameServerCannotConnectToAMigratedServiceDatabase() throws Exception {
        PostgresServer postgres = Servers.postgres();
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
             Statement s = admin.createStatement()) {
            s.execute("DROP ROLE IF EXISTS it_stranger");
            s.execute("CREATE ROLE it_stranger LOGIN PASSWORD 'stranger-secret'");
        }
        try (Connection own = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "it_stranger", "stranger-secret")) {
            assertThat(own.isValid(2)).as("the role can log in where CONNECT is still public").isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(database), "it_stranger", "stranger-secret").close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42501");
                    assertThat(e.getMessage()).contains("permission denied for database");
                });
        try (Connection service = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password())) {
            assertThat(service.isValid(2)).as("the service's own role still connects").isTrue();
        }
    }
}
