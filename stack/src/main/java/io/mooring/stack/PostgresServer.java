package io.mooring.stack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/** A PostgreSQL server. */
public interface PostgresServer extends StackServer {

    String host();

    int port();

    String user();

    String password();

    /** The CA file clients verify the server's certificate with, when the server speaks TLS with a dev-CA certificate. */
    default Optional<Path> caCertificate() {
        return Optional.empty();
    }

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Creates the database unless it exists. */
    default void createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user(), password())) {
            try (PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, name);
                if (exists.executeQuery().next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database \"" + name.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            // 42P04 duplicate_database, 23505 unique_violation: created concurrently by someone else
            if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw new IllegalStateException("cannot create database " + name + " on " + host() + ":" + port(), e);
            }
        }
    }

    @Override
    default ServerKind kind() {
        return ServerKind.POSTGRES;
    }

    @Override
    default Map<String, String> properties() {
        return Map.of(
                ServerProperties.PG_HOST, host(),
                ServerProperties.PG_PORT, Integer.toString(port()),
                ServerProperties.PG_USER, user(),
                ServerProperties.PG_PASSWORD, password());
    }
}
