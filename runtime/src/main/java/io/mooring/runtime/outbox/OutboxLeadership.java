package io.mooring.runtime.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Which replica publishes the outbox: the one holding a session-level Postgres advisory lock on a
 * connection of its own, kept open (and outside any transaction) for as long as it leads. The lock
 * lives and dies with that session, so a lost connection is a lost leadership; {@link #ensure()}
 * checks the connection before every batch and tries to take the lock again when it is gone.
 */
@Singleton
@Requires(beans = DataSource.class)
class OutboxLeadership {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxLeadership.class);
    static final long LOCK_KEY = 0x6d6f6f72696e67L; // "mooring"
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private Connection connection;
    private volatile boolean held;

    OutboxLeadership(DataSource dataSource) {
        // the pool itself, not the transaction-bound view: this connection belongs to no transaction
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Whether this replica leads, checking its lock connection first; tries to take the lock when it does not. */
    synchronized boolean ensure() {
        if (connection != null) {
            if (valid()) {
                return true;
            }
            LOG.warn("outbox relay: the leadership connection was lost; leadership given up");
            discard();
        }
        Connection candidate = null;
        try {
            candidate = dataSource.getConnection();
            candidate.setAutoCommit(true);
            try (PreparedStatement ps = candidate.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        connection = candidate;
                        held = true;
                        LOG.info("outbox relay: this replica now publishes the outbox");
                        return true;
                    }
                }
            }
            candidate.close();
            return false;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("outbox relay: cannot take the leadership: {}", e.getMessage());
            if (candidate != null) {
                abort(candidate);
            }
            return false;
        }
    }

    boolean held() {
        return held;
    }

    /** The backend process id of the lock connection, or -1 when this replica does not lead. */
    synchronized int backendPid() {
        if (connection == null) {
            return -1;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_backend_pid()");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Unlocks and hands the connection back; a pooled connection must not keep the session lock. */
    synchronized void release() {
        if (connection == null) {
            return;
        }
        held = false;
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, LOCK_KEY);
            ps.execute();
            connection.close();
        } catch (SQLException | RuntimeException e) {
            abort(connection);
        }
        connection = null;
    }

    private boolean valid() {
        try {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private void discard() {
        held = false;
        abort(connection);
        connection = null;
    }

    /** Closes the physical connection, so the pool never hands out a session that might hold the lock. */
    private static void abort(Connection c) {
        try {
            c.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("aborting a connection", e);
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("closing an aborted connection", e);
        }
    }
}
