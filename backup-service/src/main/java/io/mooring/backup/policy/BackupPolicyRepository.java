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
    default boolean saveIfAbsent(BackupPolicy policy, Origin origin) {
        return insertIfAbsent(origin.column(), policy.id(), policy.accountId(), policy.targetKind(), policy.targetName(),
                policy.schedule(), policy.timeZone(), policy.retentionDays(), policy.keepLast(), policy.keepDaily(),
                policy.keepWeekly(), policy.keepMonthly(), policy.keepWithin(), policy.destination(),
                policy.zstdLevel(), policy.ageRecipients(), policy.state().name(),
                policy.keepArtifactsUntil(), policy.createdAt(), policy.updatedAt()) == 1;
    }

    @Query("""
            INSERT INTO backup_policy (origin, id, account_id, target_kind, target_name, schedule, time_zone, retention_days,
                                       keep_last, keep_daily, keep_weekly, keep_monthly, keep_within, destination,
                                       zstd_level, age_recipients, state, keep_artifacts_until, created_at, updated_at)
            VALUES (:origin, :id, :accountId, :targetKind, :targetName, :schedule, :timeZone, :retentionDays,
                    :keepLast, :keepDaily, :keepWeekly, :keepMonthly, :keepWithin, :destination,
                    :zstdLevel, :ageRecipients, :state, :keepArtifactsUntil, :createdAt, :updatedAt)
            ON CONFLICT (account_id, target_kind, target_name) DO NOTHING
            """)
    int insertIfAbsent(String origin, UUID id, String accountId, String targetKind, String targetName, String schedule,
                       String timeZone, int retentionDays, @Nullable Integer keepLast, @Nullable Integer keepDaily,
                       @Nullable Integer keepWeekly, @Nullable Integer keepMonthly, @Nullable String keepWithin,
                       String destination, int zstdLevel, List<String> ageRecipients, String state,
                       @Nullable Instant keepArtifactsUntil, Instant createdAt, Instant updatedAt);

    /** Locks the account's policy for that target, if there is one. */
    @Query("""
            SELECT * FROM backup_policy
             WHERE account_id = :accountId AND target_kind = :targetKind AND target_name = :targetName FOR UPDATE
            """)
    Optional<BackupPolicy> lockTarget(String accountId, String targetKind, String targetName);

    /** Locks the account's policies of that origin. */
    @Query("SELECT * FROM backup_policy WHERE account_id = :accountId AND origin = :origin ORDER BY id FOR UPDATE")
    List<BackupPolicy> lockByOrigin(String accountId, String origin);

    @Query("SELECT origin FROM backup_policy WHERE id = :id")
    Optional<String> originOf(UUID id);

    /** Locks the account's policies that its suspension paused. */
    @Query("SELECT * FROM backup_policy WHERE account_id = :accountId AND paused_by_suspension ORDER BY id FOR UPDATE")
    List<BackupPolicy> lockPausedBySuspension(String accountId);

    @Query("UPDATE backup_policy SET paused_by_suspension = :paused WHERE id = :id")
    void markPausedBySuspension(UUID id, boolean paused);

    /** One page in id order: at most {@code limit} policies after {@code after} that pass the filters given. */
    @Query("""
            SELECT * FROM backup_policy
             WHERE (CAST(:accountId AS TEXT) IS NULL OR account_id = :accountId)
               AND (CAST(:targetKind AS TEXT) IS NULL OR target_kind = :targetKind)
               AND (CAST(:state AS TEXT) IS NULL OR state = :state)
               AND (CAST(:after AS UUID) IS NULL OR id > :after)
             ORDER BY id LIMIT :limit
            """)
    List<BackupPolicy> page(@Nullable String accountId, @Nullable String targetKind, @Nullable String state,
                            @Nullable UUID after, int limit);

    /** Where a policy came from, as stored in {@code backup_policy.origin}. */
    enum Origin {
        /** Created through the API. */
        OPERATOR,
        /** Created per resource from {@code ResourceReady}. */
        PROVISIONING,
        /** The account-wide policy {@code AccountReady} used to create; replaced by per-resource ones. */
        DEFAULT;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
