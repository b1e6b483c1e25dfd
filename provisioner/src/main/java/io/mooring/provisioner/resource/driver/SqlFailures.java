package io.mooring.provisioner.resource.driver;

import java.sql.SQLException;
import java.util.Set;

/**
 * Classifies PostgreSQL errors by SQLSTATE. Retriable: no state (I/O), connection exceptions (08),
 * insufficient resources (53), operator intervention (57: shutdown, cannot connect now, statement
 * timeout), rolled-back transactions (40), objects in use or locked (55), system errors (58), and
 * duplicate role or database (42710, 42P04), which only happen when another worker created it at the
 * same moment; the next attempt adopts it. Everything else, e.g. a missing privilege (42501) or a
 * rejected login (28), is permanent.
 */
public final class SqlFailures {
    private static final Set<String> RETRIABLE_CLASSES = Set.of("08", "53", "57", "40", "55", "58");
    private static final Set<String> RETRIABLE_STATES = Set.of("42710", "42P04");

    private SqlFailures() {
    }

    public static boolean retriable(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.length() != 5) {
            return true;
        }
        return RETRIABLE_CLASSES.contains(state.substring(0, 2)) || RETRIABLE_STATES.contains(state);
    }

    /** {@code e} as a {@link DriverFailure} saying what was being done. */
    public static DriverFailure classify(String action, SQLException e) {
        String message = action + ": " + firstLine(e.getMessage()) + (e.getSQLState() == null ? "" : " [" + e.getSQLState() + "]");
        String summary = summary(e.getSQLState());
        return retriable(e) ? DriverFailure.retriable(summary, message, e) : DriverFailure.permanent(summary, message, e);
    }

    /** The short reason events carry, by SQLSTATE class; the server's own words stay in the log and the operation. */
    static String summary(String state) {
        if (state == null || state.length() != 5) {
            return "tenant database server unreachable";
        }
        if (state.equals("42501")) {
            return "the provisioner lacks a privilege on the tenant database server";
        }
        if (state.equals("2BP01")) {
            return "other roles depend on the database's role";
        }
        return switch (state.substring(0, 2)) {
            case "08" -> "tenant database server unreachable";
            case "28" -> "tenant database server refused the provisioner's login";
            case "53" -> "tenant database server out of resources";
            case "57" -> "tenant database server shutting down or not accepting connections";
            case "40", "55", "58" -> "tenant database server busy";
            default -> "tenant database server refused the change";
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
