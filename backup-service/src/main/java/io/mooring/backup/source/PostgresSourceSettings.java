package io.mooring.backup.source;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How the service reaches the tenant PostgreSQL cluster ({@code mooring.backup.sources.postgres.*}):
 * as its own backup role, a member of {@code pg_read_all_data} that the provisioner grants
 * {@code CONNECT} on every tenant database. The password may come from a file
 * ({@code MOORING_BACKUP_SOURCES_POSTGRES_PASSWORD_FILE}). Restores need a role that may also create
 * databases ({@code CREATEDB}); the same role is used for both.
 */
@ConfigurationProperties("mooring.backup.sources.postgres")
public class PostgresSourceSettings {
    private String host = "127.0.0.1";
    private int port = 5432;
    private String user = "mooring_backup";
    private String password = "";
    private String sslmode;
    private String sslrootcert;
    private String maintenanceDatabase = "postgres";
    private Duration connectTimeout = Duration.ofSeconds(5);

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** As libpq defines it, up to {@code verify-full}; empty means the driver's default. */
    public String getSslmode() {
        return sslmode;
    }

    public void setSslmode(String sslmode) {
        this.sslmode = sslmode;
    }

    /** PEM file of the CA that signed the server certificate (verify-ca, verify-full). */
    public String getSslrootcert() {
        return sslrootcert;
    }

    public void setSslrootcert(String sslrootcert) {
        this.sslrootcert = sslrootcert;
    }

    /** The database connected to for creating and dropping restore targets. */
    public String getMaintenanceDatabase() {
        return maintenanceDatabase;
    }

    public void setMaintenanceDatabase(String maintenanceDatabase) {
        this.maintenanceDatabase = maintenanceDatabase;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public String toString() {
        return "PostgresSourceSettings[" + user + "@" + host + ":" + port + ", sslmode=" + sslmode + "]";
    }
}
