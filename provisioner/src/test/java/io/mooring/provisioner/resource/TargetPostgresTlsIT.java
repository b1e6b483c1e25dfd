package io.mooring.provisioner.resource;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.provisioner.resource.driver.DriverFailure;
import io.mooring.provisioner.resource.driver.DriverRequest;
import io.mooring.provisioner.resource.driver.PostgresDatabaseDriver;
import io.mooring.provisioner.resource.driver.PostgresTarget;
import io.mooring.runtime.postgres.PostgresTlsSettings;
import io.mooring.stack.DevCertificates;
import io.mooring.stack.EmbeddedPostgresServer;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.stack.TenantPostgresServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The tenant target as managed PostgreSQL offers it: TLS with a certificate from a private CA, which
 * the provisioner verifies ({@code sslmode=verify-full}, {@code sslrootcert}) as the services verify
 * their own databases.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetPostgresTlsIT implements TestPropertyProvider {
    private static EmbeddedPostgresServer tlsServer;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    PostgresTarget target;

    private ResourceApi api;

    @Override
    public Map<String, String> getProperties() {
        tlsServer = EmbeddedPostgresServer.startWithTls(Servers.runDir().resolve("tenant-postgres-tls"));
        return ResourceApi.properties(new TenantPostgresServer(tlsServer).properties(),
                ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS);
    }

    @BeforeAll
    void api() {
        api = new ResourceApi(client);
    }

    @AfterAll
    void stopTlsServer() {
        if (tlsServer != null) {
            tlsServer.stop();
        }
    }

    @Test
    void createsTenantDatabasesOverTlsVerifiedAgainstTheConfiguredCa() throws SQLException {
        assertThat(target.tlsProperties()).containsEntry("sslmode", "verify-full")
                .containsEntry("sslrootcert", tlsServer.caCertificate().orElseThrow().toString());
        String accountId = api.createAccount();

        Map<String, Object> operation = api.awaitEnd(api.requestResource(accountId,
                Map.of("kind", "postgres-database", "name", "main")).header("Location"));

        assertThat(operation.get("state")).as(operation.toString()).isEqualTo("SUCCEEDED");
        Map<?, ?> credentials = (Map<?, ?>) operation.get("result");
        assertThat(credentials.get("port")).isEqualTo(Integer.toString(tlsServer.port()));
        Properties tenant = new Properties();
        tenant.setProperty("user", (String) credentials.get("user"));
        tenant.setProperty("password", (String) credentials.get("password"));
        tenant.setProperty("sslmode", "verify-full");
        tenant.setProperty("sslrootcert", tlsServer.caCertificate().orElseThrow().toString());
        try (Connection session = DriverManager.getConnection(tlsServer.jdbcUrl((String) credentials.get("database")), tenant);
             Statement statement = session.createStatement();
             ResultSet ssl = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(ssl.next()).isTrue();
            assertThat(ssl.getBoolean("ssl")).isTrue();
        }
    }

    @Test
    void refusesATargetWhoseCertificateIsNotSignedByTheConfiguredCaWithoutRetrying(@TempDir Path otherCa) {
        PostgresTarget wrongCa = new PostgresTarget(tlsServer.host(), tlsServer.port(), tlsServer.user(), tlsServer.password(),
                "postgres", "", Duration.ofSeconds(5), Duration.ofSeconds(30), "verify-full",
                DevCertificates.ensure(otherCa).toString(), new PostgresTlsSettings(), "127.0.0.1", 5432, "postgres", "");
        PostgresDatabaseDriver driver = new PostgresDatabaseDriver(wrongCa);
        UUID accountId = UUID.randomUUID();
        DriverRequest request = new DriverRequest(UUID.randomUUID(), accountId, "main", driver.names(accountId, "main"));

        DriverFailure refused = catchThrowableOfType(DriverFailure.class, () -> driver.provision(request));

        assertThat(refused.retriable()).isFalse();
        assertThat(refused.summary()).isEqualTo("the tenant database server's TLS certificate was not accepted");
        assertThat(refused.getMessage()).contains("connecting to " + tlsServer.host() + ":" + tlsServer.port()
                        + " with sslmode=verify-full", "unable to find valid certification path",
                "check mooring.provisioner.targets.postgres.sslrootcert");
    }
}
