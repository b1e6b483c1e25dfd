package io.mooring.provisioner.resource.driver;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The PostgreSQL cluster tenant databases are created on ({@code mooring.provisioner.targets.postgres.*},
 * defaulting to the provisioner's own server {@code mooring.pg.*}). {@code user} needs CREATEROLE and
 * CREATEDB (a superuser in tests). {@code public-host} is the host name tenants connect to, when it
 * differs from the one the provisioner uses.
 */
@Singleton
public class PostgresTarget {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String database;
    private final String publicHost;
    private final Duration connectTimeout;
    private final Duration socketTimeout;

    public PostgresTarget(@Value("${mooring.provisioner.targets.postgres.host:${mooring.pg.host}}") String host,
                          @Value("${mooring.provisioner.targets.postgres.port:${mooring.pg.port}}") int port,
                          @Value("${mooring.provisioner.targets.postgres.user:${mooring.pg.user}}") String user,
                          @Value("${mooring.provisioner.targets.postgres.password:${mooring.pg.password:}}") String password,
                          @Value("${mooring.provisioner.targets.postgres.database:postgres}") String database,
                          @Value("${mooring.provisioner.targets.postgres.public-host:}") String publicHost,
                          @Value("${mooring.provisioner.targets.postgres.connect-timeout:5s}") Duration connectTimeout,
                          @Value("${mooring.provisioner.targets.postgres.socket-timeout:30s}") Duration socketTimeout) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password == null ? "" : password;
        this.database = database;
        this.publicHost = publicHost == null || publicHost.isBlank() ? host : publicHost;
        this.connectTimeout = connectTimeout;
        this.socketTimeout = socketTimeout;
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
