package io.mooring.monitor.probe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs {@link Check.Postgres} with a monitor role: logs in as the configured role (password from the
 * service's configuration) and runs {@code SELECT 1}, connect, login and query each bounded by the
 * timeout (pgjdbc counts them in whole seconds, rounded up).
 */
final class PostgresRoleProbe {
    private final ProbeCredentials credentials;
    private final org.postgresql.Driver driver = new org.postgresql.Driver();

    PostgresRoleProbe(ProbeCredentials credentials) {
        this.credentials = credentials;
    }

    ProbeResult check(Check.Postgres check, Duration timeout) {
        long started = System.nanoTime();
        Optional<ProbeCredentials.PostgresRole> configured = credentials.postgresRole(check.monitorRole());
        if (configured.isEmpty()) {
            return ProbeResult.down(Duration.ZERO, "no monitor role named '" + check.monitorRole()
                    + "' is configured (mooring.probes.postgres-roles." + check.monitorRole() + ".*)");
        }
        ProbeCredentials.PostgresRole role = configured.get();
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        Properties properties = new Properties();
        properties.putAll(role.tlsProperties());
        properties.setProperty("user", role.user());
        properties.setProperty("password", role.password());
        properties.setProperty("ApplicationName", "mooring-monitor");
        properties.setProperty("connectTimeout", Integer.toString(seconds));
        properties.setProperty("loginTimeout", Integer.toString(seconds));
        properties.setProperty("socketTimeout", Integer.toString(seconds));
        String url = "jdbc:postgresql://" + check.endpoint() + "/" + URLEncoder.encode(check.database(), StandardCharsets.UTF_8);
        try (Connection connection = driver.connect(url, properties);
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(seconds);
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                if (!result.next() || result.getInt(1) != 1) {
                    return ProbeResult.down(since(started), "SELECT 1 gave no 1");
                }
            }
            Duration latency = since(started);
            return ProbeResult.up(latency, "SELECT 1 as " + role.user() + " on " + check.database() + " in "
                    + latency.toMillis() + " ms");
        } catch (SQLException e) {
            return ProbeResult.down(since(started), reason(e, role.user(), check.database()));
        }
    }

    /** Network failures in the probes' words; refusals by the server with its SQLSTATE and message. */
    private static String reason(SQLException e, String user, String database) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException) {
                return Failures.reason(cause);
            }
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return "PostgreSQL refused the monitor role " + user + " (" + state + "): " + e.getMessage();
        }
        if (state.equals("42501")) {
            return "the monitor role " + user + " may not connect to " + database + ": " + e.getMessage();
        }
        if (state.equals("57014")) {
            return "SELECT 1 timed out";
        }
        return "PostgreSQL error " + (state.isEmpty() ? "" : state + ": ") + e.getMessage();
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
