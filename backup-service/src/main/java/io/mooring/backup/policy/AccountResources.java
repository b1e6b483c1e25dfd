package io.mooring.backup.policy;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resources the service knows of each account, learnt from {@code ResourceReady} and
 * {@code ResourceDeleted}: what an account-wide policy backs up, one artifact per resource. The
 * Redis namespaces of an account are one resource (its keys under {@code acct:<id>:}).
 */
@Singleton
public class AccountResources {
    private final JdbcOperations jdbc;
    private final Clock clock;

    AccountResources(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The account's resources, each (kind, name) once, in the order they were recorded. */
    @Transactional(readOnly = true)
    public List<AccountResource> of(String accountId) {
        return jdbc.prepareStatement("""
                SELECT kind, name FROM account_resource WHERE account_id = ?
                GROUP BY kind, name ORDER BY min(recorded_at), kind, name
                """, ps -> {
            ps.setString(1, accountId);
            List<AccountResource> found = new ArrayList<>();
            try (var rows = ps.executeQuery()) {
                while (rows.next()) {
                    found.add(new AccountResource(TargetKind.fromWire(rows.getString(1)), rows.getString(2)));
                }
            }
            return found;
        });
    }

    /** Records the resource; false if it was known already. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    boolean record(String accountId, String resourceId, AccountResource resource) {
        return jdbc.prepareStatement("""
                INSERT INTO account_resource (account_id, resource_id, kind, name, recorded_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, ps -> {
            ps.setString(1, accountId);
            ps.setString(2, resourceId);
            ps.setString(3, resource.kind().wireName());
            ps.setString(4, resource.name());
            ps.setTimestamp(5, Timestamp.from(clock.instant()));
            return ps.executeUpdate() == 1;
        });
    }

    /** Forgets the resource; returns what it was, if it was known. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<AccountResource> forget(String accountId, String resourceId) {
        return jdbc.prepareStatement(
                "DELETE FROM account_resource WHERE account_id = ? AND resource_id = ? RETURNING kind, name", ps -> {
                    ps.setString(1, accountId);
                    ps.setString(2, resourceId);
                    try (var rows = ps.executeQuery()) {
                        return rows.next()
                                ? Optional.of(new AccountResource(TargetKind.fromWire(rows.getString(1)), rows.getString(2)))
                                : Optional.empty();
                    }
                });
    }

    /** Forgets every resource of the account. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void forgetAll(String accountId) {
        jdbc.prepareStatement("DELETE FROM account_resource WHERE account_id = ?", ps -> {
            ps.setString(1, accountId);
            return ps.executeUpdate();
        });
    }
}
