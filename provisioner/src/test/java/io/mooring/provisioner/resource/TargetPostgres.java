package io.mooring.provisioner.resource;

import io.mooring.stack.Servers;
import io.mooring.stack.TenantPostgresServer;
import io.mooring.testing.TcpRelay;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The cluster tenant databases are created on in tests: the stack's tenant server, apart from the
 * services' own and checking every password with SCRAM, reached through a {@link TcpRelay} that tests
 * can take down.
 */
final class TargetPostgres {
    private static TargetPostgres shared;

    private final TenantPostgresServer server;
    private final TcpRelay relay;

    private TargetPostgres(TenantPostgresServer server) {
        this.server = server;
        this.relay = new TcpRelay(new InetSocketAddress(server.host(), server.port()));
        relay.start();
    }

    static synchronized TargetPostgres shared() {
        if (shared == null) {
            shared = new TargetPostgres(Servers.tenantPostgres());
        }
        return shared;
    }

    /** The provisioner's settings for this target: through the relay, as the superuser. */
    Map<String, String> properties() {
        Map<String, String> properties = new java.util.HashMap<>(server.properties());
        properties.put("mooring.provisioner.targets.postgres.port", Integer.toString(relay.port()));
        return properties;
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
}
