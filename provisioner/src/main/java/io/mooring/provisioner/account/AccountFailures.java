package io.mooring.provisioner.account;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * The short reason an {@code account.failed} event gives when creating an account failed on an
 * error: a fixed phrase by class of error, never the exception's text, which may quote SQL, host
 * names or data. The details go to the log and to the operation's {@code error}.
 */
final class AccountFailures {
    static final String STORE_UNAVAILABLE = "provisioner database unavailable";
    static final String INTERNAL = "internal error in the provisioner (details in its log)";
    // connection exception, insufficient resources, operator intervention, system error
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "57", "58");

    private AccountFailures() {
    }

    static String reasonFor(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
                    || cause instanceof SQLTransientException) {
                return STORE_UNAVAILABLE;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5
                    && UNAVAILABLE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return STORE_UNAVAILABLE;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return INTERNAL;
    }
}
