package io.mooring.backup.policy;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupPolicyDeleted;
import io.mooring.events.backups.BackupTarget;
import io.mooring.runtime.Ids;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The policies of every account. Each change commits together with its event in the outbox: a
 * policy never exists without its {@code BackupPolicyCreated}, nor disappears without its
 * {@code BackupPolicyDeleted}.
 */
@Singleton
public class BackupPolicies {
    /** Every ready account gets a nightly backup of everything it owns, kept two weeks. */
    static final CronSchedule DEFAULT_SCHEDULE = CronSchedule.parse("0 3 * * *");
    static final int DEFAULT_RETENTION_DAYS = 14;

    private final BackupPolicyRepository policies;
    private final Outbox outbox;
    private final Clock clock;

    BackupPolicies(BackupPolicyRepository policies, Outbox outbox, Clock clock) {
        this.policies = policies;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a new policy covers and how. */
    public record Draft(String accountId, TargetKind kind, String targetName, CronSchedule schedule, int retentionDays) {
    }

    /** Creates the policy, or returns empty if the account already has one for that target. */
    @Transactional
    public Optional<BackupPolicy> create(Draft draft) {
        BackupPolicy policy = BackupPolicy.create(Ids.next(), draft.accountId(), draft.kind(), draft.targetName(),
                draft.schedule(), draft.retentionDays(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (!policies.saveIfAbsent(policy)) {
            return Optional.empty();
        }
        outbox.append(new BackupPolicyCreated(policy.id().toString(), policy.accountId(),
                new BackupTarget(policy.targetKind(), policy.targetName()), policy.schedule(), policy.retentionDays()));
        return Optional.of(policy);
    }

    /** Creates the account's default policy unless it has one already. */
    @Transactional
    public Optional<BackupPolicy> createDefault(String accountId, String accountName) {
        return create(new Draft(accountId, TargetKind.ACCOUNT, accountName, DEFAULT_SCHEDULE, DEFAULT_RETENTION_DAYS));
    }

    /** Deletes the policy; false if there is no such policy. */
    @Transactional
    public boolean delete(UUID id) {
        return policies.findByIdForUpdate(id).map(policy -> {
            remove(policy);
            return true;
        }).orElse(false);
    }

    /** Deletes every policy of the account; returns how many there were. */
    @Transactional
    public int deleteAll(String accountId) {
        List<BackupPolicy> owned = policies.findByAccountIdForUpdate(accountId);
        owned.forEach(this::remove);
        return owned.size();
    }

    private void remove(BackupPolicy policy) {
        policies.delete(policy);
        outbox.append(new BackupPolicyDeleted(policy.id().toString(), policy.accountId()));
    }

    @Transactional(readOnly = true)
    public Optional<BackupPolicy> find(UUID id) {
        return policies.findById(id);
    }

    /** Every policy in {@code state}, oldest first. */
    @Transactional(readOnly = true)
    public List<BackupPolicy> all(BackupPolicy.State state) {
        return policies.findByStateOrderByCreatedAt(state);
    }

    /** Every policy, or those of one account, oldest first. */
    @Transactional(readOnly = true)
    public List<BackupPolicy> list(Optional<String> accountId) {
        return accountId.map(policies::findByAccountIdOrderByCreatedAt).orElseGet(policies::listOrderByCreatedAt);
    }
}
