package io.mooring.provisioner.resource;

import io.mooring.stack.EmbeddedPostgresServer;
import io.mooring.stack.Servers;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The cluster tenant databases are created on in tests: a PostgreSQL server of its own (the shared one
 * trusts every login) that checks passwords with SCRAM for everyone but {@code postgres}, reached
 * through a {@link TcpRelay} that tests can take down.
 */
final class TargetPostgres {
    private static TargetPostgres shared;

    private final EmbeddedPostgresServer server;
    private final TcpRelay relay;

    private TargetPostgres(EmbeddedPostgresServer server) {
        this.server = server;
        this.relay = new TcpRelay(new InetSocketAddress(server.host(), server.port()));
        relay.start();
    }

    static synchronized TargetPostgres shared() {
        if (shared == null) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Servers.runDir().resolve("target-postgres"), false);
            requirePasswords(server);
            shared = new TargetPostgres(server);
        }
        return shared;
    }

    /** The provisioner's settings for this target: through the relay, as the superuser. */
    Map<String, String> properties() {
        return Map.of(
                "mooring.provisioner.targets.postgres.host", server.host(),
                "mooring.provisioner.targets.postgres.port", Integer.toString(relay.port()),
                "mooring.provisioner.targets.postgres.user", server.user(),
                "mooring.provisioner.targets.postgres.password", server.password());
    }

    TcpRelay relay() {
        return relay;
    }

    Connection admin() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
    }

    /** Logs in as a tenant would, through the relay. */
    Connection login(String host, String port, String user, String password, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
    }

    private static void requirePasswords(EmbeddedPostgresServer server) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
             Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SHOW hba_file");
            rs.next();
            Files.writeString(Path.of(rs.getString(1)), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    """);
            s.execute("SELECT pg_reload_conf()");
            s.execute("CREATE ROLE hba_probe LOGIN PASSWORD 'probe'");
        } catch (Exception e) {
            throw new IllegalStateException("cannot require passwords on " + server, e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Connection ignored = DriverManager.getConnection(server.jdbcUrl("postgres"), "hba_probe", "wrong")) {
                return false;
            } catch (SQLException e) {
                return "28P01".equals(e.getSQLState());
            }
        });
    }
}
