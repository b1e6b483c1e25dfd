package io.mooring.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The PostgreSQL cluster tenant databases are created on: a server of its own, never the one that
 * holds the services' databases, so a tenant role has no server to log in to where those live. Its
 * settings are the provisioner's target ({@code mooring.provisioner.targets.postgres.*}), with
 * {@code sslmode=verify-full} and the CA when the cluster speaks TLS
 * ({@link EmbeddedPostgresServer#startWithTls}). An embedded one also has the backup service's role
 * {@value #BACKUP_ROLE} (member of {@code pg_read_all_data}, {@code CREATEDB} for restores), whose
 * settings are the backup service's source ({@code mooring.backup.sources.postgres.*}) and which the
 * provisioner grants {@code CONNECT} on each tenant database ({@code mooring.provisioner.targets.postgres.backup-role}).
 */
public final class TenantPostgresServer implements PostgresServer {
    /** The backup service's login role on an embedded tenant cluster. */
    public static final String BACKUP_ROLE = "mooring_backup";

    private final PostgresServer cluster;
    private final String backupPassword;

    public TenantPostgresServer(PostgresServer cluster) {
        this(cluster, null);
    }

    private TenantPostgresServer(PostgresServer cluster, String backupPassword) {
        this.cluster = cluster;
        this.backupPassword = backupPassword;
    }

    /**
     * An embedded cluster with the backup role created (or its password reset), the password kept in
     * {@code dir/backup-password} when {@code persistent}.
     */
    static TenantPostgresServer withBackupRole(PostgresServer cluster, Path dir, boolean persistent) {
        try {
            String password = Secrets.password(Files.createDirectories(dir).resolve("backup-password"), persistent);
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"), cluster.user(), cluster.password());
                 Statement st = c.createStatement()) {
                st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + BACKUP_ROLE + "') "
                        + "THEN CREATE ROLE " + BACKUP_ROLE + "; END IF; END $$");
                st.execute("ALTER ROLE " + BACKUP_ROLE + " WITH LOGIN CREATEDB NOSUPERUSER NOCREATEROLE PASSWORD '"
                        + password + "'");
                st.execute("GRANT pg_read_all_data TO " + BACKUP_ROLE);
            }
            return new TenantPostgresServer(cluster, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the backup role's password in " + dir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the backup role on " + cluster, e);
        }
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
        if (backupPassword != null) {
            properties.put(ServerProperties.TENANT_PG_BACKUP_ROLE, BACKUP_ROLE);
            properties.put(ServerProperties.BACKUP_PG_HOST, host());
            properties.put(ServerProperties.BACKUP_PG_PORT, Integer.toString(port()));
            properties.put(ServerProperties.BACKUP_PG_USER, BACKUP_ROLE);
            properties.put(ServerProperties.BACKUP_PG_PASSWORD, backupPassword);
        }
        caCertificate().ifPresent(ca -> {
            properties.put(ServerProperties.TENANT_PG_SSLMODE, "verify-full");
            properties.put(ServerProperties.TENANT_PG_SSLROOTCERT, ca.toString());
            if (backupPassword != null) {
                properties.put(ServerProperties.BACKUP_PG_SSLMODE, "verify-full");
                properties.put(ServerProperties.BACKUP_PG_SSLROOTCERT, ca.toString());
            }
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
