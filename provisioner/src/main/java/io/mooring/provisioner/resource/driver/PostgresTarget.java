package io.mooring.provisioner.resource.driver;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The PostgreSQL cluster tenant databases are created on ({@code mooring.provisioner.targets.postgres.*};
 * each of host, port, user and password not set there comes from the provisioner's own server
 * {@code mooring.pg.*}, except that a target with its own host never borrows the service's password). {@code user} needs CREATEROLE and
 * CREATEDB (a superuser in tests). {@code public-host} is the host name tenants connect to, when it
 * differs from the one the provisioner uses. {@code backup-role}, when set, is granted {@code CONNECT} on
 * every tenant database created, so that the backup service's role can dump it.
 */
@Singleton
public class PostgresTarget {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String database;
    private final String publicHost;
    private final String backupRole;
    private final Duration connectTimeout;
    private final Duration socketTimeout;

    public PostgresTarget(@Value("${mooring.provisioner.targets.postgres.host:}") String host,
                          @Value("${mooring.provisioner.targets.postgres.port:0}") int port,
                          @Value("${mooring.provisioner.targets.postgres.user:}") String user,
                          @Value("${mooring.provisioner.targets.postgres.password:}") String password,
                          @Value("${mooring.provisioner.targets.postgres.database:postgres}") String database,
                          @Value("${mooring.provisioner.targets.postgres.public-host:}") String publicHost,
                          @Value("${mooring.provisioner.targets.postgres.backup-role:}") String backupRole,
                          @Value("${mooring.provisioner.targets.postgres.connect-timeout:5s}") Duration connectTimeout,
                          @Value("${mooring.provisioner.targets.postgres.socket-timeout:30s}") Duration socketTimeout,
                          @Value("${mooring.pg.host}") String serviceHost,
                          @Value("${mooring.pg.port}") int servicePort,
                          @Value("${mooring.pg.user}") String serviceUser,
                          @Value("${mooring.pg.password:}") String servicePassword) {
        boolean own = host != null && !host.isBlank();
        this.host = own ? host.trim() : serviceHost;
        this.port = port > 0 ? port : servicePort;
        this.user = user != null && !user.isBlank() ? user : serviceUser;
        boolean ownPassword = password != null && !password.isEmpty();
        this.password = ownPassword || own ? nonNull(password) : nonNull(servicePassword);
        this.database = database;
        this.publicHost = publicHost == null || publicHost.isBlank() ? this.host : publicHost.trim();
        this.backupRole = backupRole == null ? "" : backupRole.trim();
        this.connectTimeout = connectTimeout;
        this.socketTimeout = socketTimeout;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    String password() {
        return password;
    }

    public String database() {
        return database;
    }

    public String publicHost() {
        return publicHost;
    }

    /** The backup service's role, granted CONNECT on each tenant database; empty for none. */
    public String backupRole() {
        return backupRole;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration socketTimeout() {
        return socketTimeout;
    }

    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }
}
