package io.mooring.runtime.store;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a store that does not answer (down, frozen, restarting, out of connections) from other
 * failures, by walking the cause chain. Such a failure is transient: the same request may succeed
 * once the store is back.
 */
public final class StoreFailures {
    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now: starting up or in recovery
            "57014", // query_canceled: statement_timeout reached
            "53300", // too_many_connections
            "55P03"); // lock_not_available: lock_timeout reached
    private static final int MAX_DEPTH = 16;

    private StoreFailures() {
    }

    /** True when {@code failure} or one of its causes says that Postgres or Redis is not answering. */
    public static boolean isUnavailable(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException // the pool had no connection in time
                    || t instanceof SocketTimeoutException
                    || t instanceof ConnectException
                    || t instanceof RedisConnectionException
                    || t instanceof RedisCommandTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof RedisException redis && redis.getMessage() != null
                    && (redis.getMessage().startsWith("LOADING") || redis.getMessage().startsWith("BUSY")
                    || redis.getMessage().startsWith("Connection closed") || redis.getMessage().contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }
}
