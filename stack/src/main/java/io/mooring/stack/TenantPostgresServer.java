package io.mooring.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The PostgreSQL cluster tenant databases are created on: a server of its own, never the one that
 * holds the services' databases, so a tenant role has no server to log in to where those live. Its
 * settings are the provisioner's target ({@code mooring.provisioner.targets.postgres.*}), with
 * {@code sslmode=verify-full} and the CA when the cluster speaks TLS
 * ({@link EmbeddedPostgresServer#startWithTls}).
 */
public final class TenantPostgresServer implements PostgresServer {
    private final PostgresServer cluster;

    public TenantPostgresServer(PostgresServer cluster) {
        this.cluster = cluster;
    }

    static TenantPostgresServer fromEnvironment(Map<String, String> env) {
        String host = ExternalServer.variable(env, ServerProperties.TENANT_PG_HOST);
        if (host == null) {
            return null;
        }
        String because = ServerProperties.environmentVariable(ServerProperties.TENANT_PG_HOST);
        return new TenantPostgresServer(new ExternalPostgresServer(host,
                Integer.parseInt(ExternalServer.required(env, ServerProperties.TENANT_PG_PORT, because)),
                ExternalServer.orDefault(env, ServerProperties.TENANT_PG_USER, "postgres"),
                ExternalServer.orDefault(env, ServerProperties.TENANT_PG_PASSWORD, "")));
    }

    @Override
    public ServerKind kind() {
        return ServerKind.TENANT_POSTGRES;
    }

    @Override
    public Map<String, String> properties() {
        Map<String, String> properties = new TreeMap<>(Map.of(
                ServerProperties.TENANT_PG_HOST, host(),
                ServerProperties.TENANT_PG_PORT, Integer.toString(port()),
                ServerProperties.TENANT_PG_USER, user(),
                ServerProperties.TENANT_PG_PASSWORD, password()));
        caCertificate().ifPresent(ca -> {
            properties.put(ServerProperties.TENANT_PG_SSLMODE, "verify-full");
            properties.put(ServerProperties.TENANT_PG_SSLROOTCERT, ca.toString());
        });
        return properties;
    }

    @Override
    public Optional<Path> caCertificate() {
        return cluster.caCertificate();
    }

    @Override
    public String host() {
        return cluster.host();
    }

    @Override
    public int port() {
        return cluster.port();
    }

    @Override
    public String user() {
        return cluster.user();
    }

    @Override
    public String password() {
        return cluster.password();
    }

    @Override
    public boolean external() {
        return cluster.external();
    }

    @Override
    public void stop() {
        cluster.stop();
    }

    @Override
    public void freeze() {
        cluster.freeze();
    }

    @Override
    public void thaw() {
        cluster.thaw();
    }

    @Override
    public String toString() {
        return "TenantPostgresServer[" + cluster + "]";
    }
}
