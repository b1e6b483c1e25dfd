package io.mooring.runtime.postgres;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.mooring.stack.DevCertificates;
import io.mooring.stack.EmbeddedPostgresServer;
import io.mooring.stack.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service's datasource against a Postgres that speaks TLS with a certificate from the dev CA. */
class DatasourceTlsIT {
    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startPostgresWithTls() {
        postgres = EmbeddedPostgresServer.startWithTls(Servers.runDir().resolve("postgres-tls"));
        postgres.createDatabase("tls_it");
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void connectsWithVerifyFullAgainstTheServersCa() throws Exception {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(serviceProperties(postgres.properties())).start();
             Connection connection = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class)).getConnection();
             Statement statement = connection.createStatement();
             ResultSet ssl = statement.executeQuery("select ssl, version from pg_stat_ssl where pid = pg_backend_pid()")) {
            assertThat(postgres.properties()).containsEntry("mooring.pg.sslmode", "verify-full");
            assertThat(ssl.next()).isTrue();
            assertThat(ssl.getBoolean("ssl")).isTrue();
            assertThat(ssl.getString("version")).startsWith("TLSv1.");
        }
    }

    @Test
    void refusesAServerCertificateNotSignedByTheConfiguredCa(@TempDir Path otherCa) {
        Map<String, String> properties = new HashMap<>(postgres.properties());
        properties.put("mooring.pg.sslrootcert", DevCertificates.ensure(otherCa).toString());

        assertThatThrownBy(() -> {
            try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                    .properties(serviceProperties(properties)).start();
                 Connection ignored = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class)).getConnection()) {
                throw new AssertionError("connected although the CA is not the server's");
            }
        }).rootCause().isInstanceOf(CertPathBuilderException.class)
                .hasMessageContaining("unable to find valid certification path");
    }

    private static Map<String, Object> serviceProperties(Map<String, String> servers) {
        Map<String, Object> properties = new HashMap<>(servers);
        properties.put("datasources.default.url", "jdbc:postgresql://localhost:" + servers.get("mooring.pg.port") + "/tls_it");
        properties.put("datasources.default.username", servers.get("mooring.pg.user"));
        properties.put("datasources.default.password", servers.get("mooring.pg.password"));
        properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        // two: the outbox relay keeps one connection for its leadership lock
        properties.put("datasources.default.maximum-pool-size", "2");
        return properties;
    }
}
