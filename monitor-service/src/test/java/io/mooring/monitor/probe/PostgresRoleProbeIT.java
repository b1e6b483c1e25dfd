package io.mooring.monitor.probe;

import io.mooring.stack.PostgresServer;
import io.mooring.stack.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL monitors with and without a monitor role, on the shared Postgres (SCRAM for every role):
 * a tenant database the role was granted CONNECT on, as the provisioner does, and one it was not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRoleProbeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final String role = "monitor_probe_" + suffix;
    private final String tenant = "probe_tenant_" + suffix;
    private final String other = "probe_other_" + suffix;

    private PostgresServer postgres;
    private Endpoint endpoint;
    private Prober prober;

    @BeforeAll
    void createRoleAndDatabases() throws SQLException {
        postgres = Servers.postgres();
        endpoint = new Endpoint(postgres.host(), postgres.port());
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'monitor-secret'");
            for (String database : List.of(tenant, other)) {
                s.execute("CREATE DATABASE " + database);
                s.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            }
            s.execute("GRANT CONNECT ON DATABASE " + tenant + " TO " + role);
        }
        prober = new Prober(ProbeTls.trusting(List.of()), Clock.systemUTC(), TIMEOUT, new ProbeCredentials(Map.of(), Map.of(
                "monitor", new ProbeCredentials.PostgresRole(role, "monitor-secret", Map.of()),
                "stale", new ProbeCredentials.PostgresRole(role, "an-old-password", Map.of()))));
    }

    @AfterAll
    void dropRoleAndDatabases() throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + tenant + " WITH (FORCE)");
            s.execute("DROP DATABASE IF EXISTS " + other + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void theMonitorRoleRunsSelectOneInATenantDatabaseItMayConnectTo() {
        ProbeResult result = prober.check(new Check.Postgres(endpoint, null, tenant, false, "monitor"), TIMEOUT);

        assertThat(result.status()).as(result.reason()).isEqualTo(ProbeStatus.UP);
        assertThat(result.reason()).startsWith("SELECT 1 as " + role + " on " + tenant + " in ");
    }

    @Test
    void aDatabaseTheRoleMayNotConnectToIsDownWithTheReason() {
        ProbeResult result = prober.check(new Check.Postgres(endpoint, null, other, false, "monitor"), TIMEOUT);

        assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(result.reason()).startsWith("the monitor role " + role + " may not connect to " + other);
    }

    @Test
    void aWrongPasswordIsDownAsARefusalOfTheRole() {
        ProbeResult result = prober.check(new Check.Postgres(endpoint, null, tenant, false, "stale"), TIMEOUT);

        assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(result.reason()).startsWith("PostgreSQL refused the monitor role " + role + " (28P01)");
        assertThat(result.reason()).doesNotContain("an-old-password");
    }

    @Test
    void aRoleThatIsNotConfiguredIsAReasonNotAnError() {
        ProbeResult result = prober.check(new Check.Postgres(endpoint, null, tenant, false, "nobody"), TIMEOUT);

        assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(result.reason()).contains("no monitor role named 'nobody'");
    }

    @Test
    void aClosedPortIsDownWithTheReason() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ProbeResult result = prober.check(new Check.Postgres(new Endpoint("127.0.0.1", closed), null, tenant, false, "monitor"), TIMEOUT);

        assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(result.reason()).isEqualTo("connection refused");
    }

    @Test
    void withoutARoleTheStartUpAnsweredWithAnAuthenticationRequestIsUpAsBefore() {
        ProbeResult result = prober.check(new Check.Postgres(endpoint, role, tenant, false), TIMEOUT);

        assertThat(result.status()).as(result.reason()).isEqualTo(ProbeStatus.UP);
        assertThat(result.reason()).startsWith("PostgreSQL asked for authentication");
    }
}
