package io.mooring.backup.policy;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface BackupPolicyRepository extends CrudRepository<BackupPolicy, UUID> {

    List<BackupPolicy> listOrderByCreatedAt();

    List<BackupPolicy> findByAccountIdOrderByCreatedAt(String accountId);

    /** Locks the account's policies until the transaction ends. */
    List<BackupPolicy> findByAccountIdForUpdate(String accountId);

    /** Locks the policy until the transaction ends. */
    Optional<BackupPolicy> findByIdForUpdate(UUID id);

    /** Inserts unless the account already has a policy for that target; true if it inserted. */
    default boolean saveIfAbsent(BackupPolicy policy) {
        return insertIfAbsent(policy.id(), policy.accountId(), policy.targetKind(), policy.targetName(),
                policy.schedule(), policy.retentionDays(), policy.state().name(), policy.createdAt(),
                policy.updatedAt()) == 1;
    }

    @Query("""
            INSERT INTO backup_policy (id, account_id, target_kind, target_name, schedule, retention_days, state,
                                       created_at, updated_at)
            VALUES (:id, :accountId, :targetKind, :targetName, :schedule, :retentionDays, :state, :createdAt, :updatedAt)
            ON CONFLICT (account_id, target_kind, target_name) DO NOTHING
            """)
    int insertIfAbsent(UUID id, String accountId, String targetKind, String targetName, String schedule,
                       int retentionDays, String state, Instant createdAt, Instant updatedAt);
}
