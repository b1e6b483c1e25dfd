package io.mooring.provisioner.resource;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;

/** Reads an account and its plan's limits, locking the account row so its resource requests run one at a time. */
@Singleton
public class AccountQuotas {
    private static final String SELECT = """
            SELECT a.id, a.state, a.plan, p.max_databases, p.max_redis, p.max_buckets, p.max_sites, p.db_connection_limit
            FROM account a JOIN plan p ON p.name = a.plan
            WHERE a.id = ?
            """;

    private final JdbcOperations jdbc;

    public AccountQuotas(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<AccountQuota> lock(UUID accountId) {
        return query(SELECT + " FOR UPDATE OF a", accountId);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<AccountQuota> find(UUID accountId) {
        return query(SELECT, accountId);
    }

    private Optional<AccountQuota> query(String sql, UUID accountId) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AccountQuota(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)));
            }
        });
    }
}
