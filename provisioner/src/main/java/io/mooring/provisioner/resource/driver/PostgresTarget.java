package io.mooring.provisioner.resource.driver;

import io.micronaut.context.annotation.Value;
import io.mooring.runtime.postgres.PostgresTls;
import io.mooring.runtime.postgres.PostgresTlsSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;

/**
 * The PostgreSQL cluster tenant databases are created on ({@code mooring.provisioner.targets.postgres.*};
 * each of host, port, user and password not set there comes from the provisioner's own server
 * {@code mooring.pg.*}, except that a target with its own host never borrows the service's password). {@code user} needs CREATEROLE and
 * CREATEDB (a superuser in tests). {@code public-host} is the host name tenants connect to, when it
 * differs from the one the provisioner uses. TLS ({@code sslmode} up to {@code verify-full},
 * {@code sslrootcert}) is checked as the services' own datasources' is ({@link PostgresTls}) when
 * this bean is made; a target with its own host never borrows the service's {@code mooring.pg.sslmode}.
 * {@code backup-role}, when set, is granted {@code CONNECT} on every tenant database created, so that the
 * backup service's role can dump it; {@code monitor-role}, when set, is granted {@code CONNECT} too, so that
 * the monitor service's PostgreSQL monitors can log in as it and run {@code SELECT 1}.
 */
@Singleton
public class PostgresTarget {
    static final String SETTING = "mooring.provisioner.targets.postgres";
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String database;
    private final String publicHost;
    private final String backupRole;
    private final String monitorRole;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final PostgresTls tls;
    private final Map<String, String> tlsProperties;

    /** A target without a backup role. */
    public PostgresTarget(String host, int port, String user, String password, String database, String publicHost,
                          Duration connectTimeout, Duration socketTimeout, String sslmode, String sslrootcert,
                          PostgresTlsSettings serviceTls, String serviceHost, int servicePort, String serviceUser,
                          String servicePassword) {
        this(host, port, user, password, database, publicHost, "", "", connectTimeout, socketTimeout, sslmode, sslrootcert,
                serviceTls, serviceHost, servicePort, serviceUser, servicePassword);
    }

    @Inject
    public PostgresTarget(@Value("${mooring.provisioner.targets.postgres.host:}") String host,
                          @Value("${mooring.provisioner.targets.postgres.port:0}") int port,
                          @Value("${mooring.provisioner.targets.postgres.user:}") String user,
                          @Value("${mooring.provisioner.targets.postgres.password:}") String password,
                          @Value("${mooring.provisioner.targets.postgres.database:postgres}") String database,
                          @Value("${mooring.provisioner.targets.postgres.public-host:}") String publicHost,
                          @Value("${mooring.provisioner.targets.postgres.backup-role:}") String backupRole,
                          @Value("${mooring.provisioner.targets.postgres.monitor-role:}") String monitorRole,
                          @Value("${mooring.provisioner.targets.postgres.connect-timeout:5s}") Duration connectTimeout,
                          @Value("${mooring.provisioner.targets.postgres.socket-timeout:30s}") Duration socketTimeout,
                          @Value("${mooring.provisioner.targets.postgres.sslmode:}") String sslmode,
                          @Value("${mooring.provisioner.targets.postgres.sslrootcert:}") String sslrootcert,
                          PostgresTlsSettings serviceTls,
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
        this.monitorRole = monitorRole == null ? "" : monitorRole.trim();
        this.connectTimeout = connectTimeout;
        this.socketTimeout = socketTimeout;
        boolean ownTls = sslmode != null && !sslmode.isBlank() || sslrootcert != null && !sslrootcert.isBlank();
        this.tls = own || ownTls ? new PostgresTls(SETTING, sslmode, sslrootcert) : serviceTls.tls();
        this.tlsProperties = tls.connectionProperties();
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

    /** The monitor service's role, granted CONNECT on each tenant database; empty for none. */
    public String monitorRole() {
        return monitorRole;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration socketTimeout() {
        return socketTimeout;
    }

    /** The pgjdbc properties that secure the connection ({@code sslmode}, {@code sslrootcert}); empty for the driver's default. */
    public Map<String, String> tlsProperties() {
        return tlsProperties;
    }

    /** Where the TLS settings in use came from, for messages: this target's or the service's own. */
    public String tlsSetting() {
        return tls.setting();
    }

    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }
}
