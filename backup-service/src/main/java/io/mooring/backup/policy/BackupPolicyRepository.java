package io.mooring.backup.policy;

import io.micronaut.core.annotation.Nullable;
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

    List<BackupPolicy> findByStateOrderByCreatedAt(BackupPolicy.State state);

    /** Locks the account's policies until the transaction ends. */
    List<BackupPolicy> findByAccountIdForUpdate(String accountId);

    /** Locks the policy until the transaction ends. */
    Optional<BackupPolicy> findByIdForUpdate(UUID id);

    /** Inserts unless the account already has a policy for that target; true if it inserted. */
    default boolean saveIfAbsent(BackupPolicy policy) {
        return insertIfAbsent(policy.id(), policy.accountId(), policy.targetKind(), policy.targetName(),
                policy.schedule(), policy.timeZone(), policy.retentionDays(), policy.keepLast(), policy.keepDaily(),
                policy.keepWeekly(), policy.keepMonthly(), policy.keepWithin(), policy.destination(),
                policy.zstdLevel(), policy.ageRecipients(), policy.state().name(),
                policy.keepArtifactsUntil(), policy.createdAt(), policy.updatedAt()) == 1;
    }

    @Query("""
            INSERT INTO backup_policy (id, account_id, target_kind, target_name, schedule, time_zone, retention_days,
                                       keep_last, keep_daily, keep_weekly, keep_monthly, keep_within, destination,
                                       zstd_level, age_recipients, state, keep_artifacts_until, created_at, updated_at)
            VALUES (:id, :accountId, :targetKind, :targetName, :schedule, :timeZone, :retentionDays,
                    :keepLast, :keepDaily, :keepWeekly, :keepMonthly, :keepWithin, :destination,
                    :zstdLevel, :ageRecipients, :state, :keepArtifactsUntil, :createdAt, :updatedAt)
            ON CONFLICT (account_id, target_kind, target_name) DO NOTHING
            """)
    int insertIfAbsent(UUID id, String accountId, String targetKind, String targetName, String schedule,
                       String timeZone, int retentionDays, @Nullable Integer keepLast, @Nullable Integer keepDaily,
                       @Nullable Integer keepWeekly, @Nullable Integer keepMonthly, @Nullable String keepWithin,
                       String destination, int zstdLevel, List<String> ageRecipients, String state,
                       @Nullable Instant keepArtifactsUntil, Instant createdAt, Instant updatedAt);
}
