package io.mooring.backup.policy;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Instant;

/** The accounts {@code AccountSuspended} said are suspended, until {@code AccountResumed} or {@code AccountPurged}. */
@Singleton
class SuspendedAccounts {
    private final JdbcOperations jdbc;

    SuspendedAccounts(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void suspend(String accountId, Instant at) {
        jdbc.prepareStatement("INSERT INTO suspended_account (account_id, suspended_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                ps -> {
                    ps.setString(1, accountId);
                    ps.setTimestamp(2, Timestamp.from(at));
                    return ps.executeUpdate();
                });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void resume(String accountId) {
        jdbc.prepareStatement("DELETE FROM suspended_account WHERE account_id = ?", ps -> {
            ps.setString(1, accountId);
            return ps.executeUpdate();
        });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    boolean isSuspended(String accountId) {
        return jdbc.prepareStatement("SELECT 1 FROM suspended_account WHERE account_id = ?", ps -> {
            ps.setString(1, accountId);
            try (var rows = ps.executeQuery()) {
                return rows.next();
            }
        });
    }
}
