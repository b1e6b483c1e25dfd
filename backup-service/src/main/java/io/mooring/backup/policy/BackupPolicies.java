package io.mooring.backup.policy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.backup.policy.BackupPolicy.State;
import io.mooring.backup.policy.BackupPolicyRepository.Origin;
import io.mooring.events.MooringEvent;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupPolicyDeleted;
import io.mooring.events.backups.BackupPolicyPaused;
import io.mooring.events.backups.BackupPolicyResumed;
import io.mooring.events.backups.BackupPolicyUpdated;
import io.mooring.events.backups.BackupRetention;
import io.mooring.events.backups.BackupTarget;
import io.mooring.runtime.Ids;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The policies of every account. Each change commits together with its event in the outbox: a
 * policy never exists without its {@code BackupPolicyCreated}, changes state without its
 * {@code BackupPolicyUpdated}/{@code Paused}/{@code Resumed}, nor disappears without its
 * {@code BackupPolicyDeleted}.
 */
@Singleton
public class BackupPolicies {
    private final BackupPolicyRepository policies;
    private final AccountResources resources;
    private final SuspendedAccounts suspended;
    private final Outbox outbox;
    private final Clock clock;

    BackupPolicies(BackupPolicyRepository policies, AccountResources resources, SuspendedAccounts suspended,
                   Outbox outbox, Clock clock) {
        this.policies = policies;
        this.resources = resources;
        this.suspended = suspended;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a new policy covers and how. */
    public record Draft(String accountId, TargetKind kind, String targetName, PolicySettings settings) {
        /** Runs on {@code schedule} in UTC and keeps artifacts {@code retentionDays} days. */
        public Draft(String accountId, TargetKind kind, String targetName, CronSchedule schedule, int retentionDays) {
            this(accountId, kind, targetName, PolicySettings.simple(schedule, retentionDays));
        }
    }

    /** A policy refuses a change because it is stopped. */
    public static final class PolicyStopped extends RuntimeException {
        PolicyStopped(UUID id) {
            super("policy " + id + " is stopped: its resource or account is gone; it can only be deleted");
        }
    }

    /** Creates an operator's policy, or returns empty if the account already has one for that target. */
    @Transactional
    public Optional<BackupPolicy> create(Draft draft) {
        return create(draft, Origin.OPERATOR);
    }

    private Optional<BackupPolicy> create(Draft draft, Origin origin) {
        BackupPolicy policy = BackupPolicy.create(Ids.next(), draft.accountId(), draft.kind(), draft.targetName(),
                draft.settings(), now());
        if (!policies.saveIfAbsent(policy, origin)) {
            return Optional.empty();
        }
        outbox.append(created(policy));
        return Optional.of(policy);
    }

    /** Applies {@code change} to the policy's settings; empty if there is no such policy. Announced if anything changed. */
    @Transactional
    public Optional<BackupPolicy> update(UUID id, UnaryOperator<PolicySettings> change) {
        return policies.findByIdForUpdate(id).map(policy -> {
            if (policy.state() == State.STOPPED) {
                throw new PolicyStopped(id);
            }
            PolicySettings settings = change.apply(policy.settings());
            BackupPolicy changed = policy.withSettings(settings, now());
            if (sameSettings(policy, changed)) {
                return policy;
            }
            policies.update(changed);
            outbox.append(updated(changed));
            return changed;
        });
    }

    /** An operator pauses the policy; pausing a paused policy changes nothing (but it now stays paused when its account resumes). */
    @Transactional
    public Optional<BackupPolicy> pause(UUID id) {
        return policies.findByIdForUpdate(id).map(policy -> switch (policy.state()) {
            case STOPPED -> throw new PolicyStopped(id);
            case PAUSED -> {
                policies.markPausedBySuspension(id, false);
                yield policy;
            }
            case ACTIVE -> changeState(policy, State.PAUSED, null, new BackupPolicyPaused(policy.id().toString(),
                    policy.accountId(), "paused by an operator"));
        });
    }

    /** An operator resumes the policy; resuming an active policy changes nothing. */
    @Transactional
    public Optional<BackupPolicy> resume(UUID id) {
        return policies.findByIdForUpdate(id).map(policy -> switch (policy.state()) {
            case STOPPED -> throw new PolicyStopped(id);
            case ACTIVE -> policy;
            case PAUSED -> {
                policies.markPausedBySuspension(id, false);
                yield changeState(policy, State.ACTIVE, null, new BackupPolicyResumed(policy.id().toString(),
                        policy.accountId(), "resumed by an operator"));
            }
        });
    }

    /** Deletes the policy; false if there is no such policy. */
    @Transactional
    public boolean delete(UUID id) {
        return policies.findByIdForUpdate(id).map(policy -> {
            remove(policy);
            return true;
        }).orElse(false);
    }

    @Transactional(readOnly = true)
    public Optional<BackupPolicy> find(UUID id) {
        return policies.findById(id);
    }

    /** Every policy in {@code state}, oldest first. */
    @Transactional(readOnly = true)
    public List<BackupPolicy> all(State state) {
        return policies.findByStateOrderByCreatedAt(state);
    }

    /** Every policy, or those of one account, oldest first. */
    @Transactional(readOnly = true)
    public List<BackupPolicy> list(Optional<String> accountId) {
        return accountId.map(policies::findByAccountIdOrderByCreatedAt).orElseGet(policies::listOrderByCreatedAt);
    }

    /** At most {@code limit} policies in id (creation) order after {@code after}, filtered by what is given. */
    @Transactional(readOnly = true)
    public List<BackupPolicy> page(@Nullable String accountId, @Nullable TargetKind kind, @Nullable State state,
                                   @Nullable UUID after, int limit) {
        return policies.page(accountId, kind == null ? null : kind.wireName(), state == null ? null : state.name(),
                after, limit);
    }

    // what mooring.provisioning tells; each runs inside the event's transaction

    /**
     * A resource is ready: it is recorded for account-wide policies and gets its per-resource policy
     * (one per account for Redis), unless its target has one; a stopped per-resource policy of the
     * same target (the resource was deleted and made again) runs again. The account's default
     * account-wide policy, if it still has one, is deleted: the per-resource policies replace it.
     */
    void resourceReady(String accountId, String resourceId, AccountResource resource, PolicySettings settings) {
        resources.record(accountId, resourceId, resource);
        boolean paused = suspended.isSuspended(accountId);
        Optional<BackupPolicy> existing = policies.lockTarget(accountId, resource.kind().wireName(), resource.name());
        if (existing.isEmpty()) {
            create(new Draft(accountId, resource.kind(), resource.name(), settings), Origin.PROVISIONING)
                    .filter(policy -> paused)
                    .ifPresent(policy -> pauseForSuspension(policy, "account suspended"));
        } else if (existing.get().state() == State.STOPPED
                && policies.originOf(existing.get().id()).filter(Origin.PROVISIONING.column()::equals).isPresent()) {
            BackupPolicy again = existing.get().withState(paused ? State.PAUSED : State.ACTIVE, null, now());
            policies.update(again);
            policies.markPausedBySuspension(again.id(), paused);
            outbox.append(updated(again));
        }
        policies.lockByOrigin(accountId, Origin.DEFAULT.column()).forEach(this::remove);
    }

    /** A resource is gone: its per-resource policy stops (for Redis, once the account has no namespace left). */
    void resourceDeleted(String accountId, String resourceId, Instant keepArtifactsUntil) {
        resources.forget(accountId, resourceId)
                .filter(gone -> !resources.of(accountId).contains(gone))
                .flatMap(gone -> policies.lockTarget(accountId, gone.kind().wireName(), gone.name()))
                .filter(policy -> policy.state() != State.STOPPED)
                .ifPresent(policy -> stop(policy, keepArtifactsUntil));
    }

    /** The account is suspended: its active policies pause, remembered as paused by the suspension. */
    void accountSuspended(String accountId, String reason) {
        suspended.suspend(accountId, now());
        for (BackupPolicy policy : policies.findByAccountIdForUpdate(accountId)) {
            if (policy.state() == State.ACTIVE) {
                pauseForSuspension(policy, "account suspended: " + reason);
            }
        }
    }

    /** The account is back: the policies its suspension paused resume; those an operator paused stay paused. */
    void accountResumed(String accountId) {
        suspended.resume(accountId);
        for (BackupPolicy policy : policies.lockPausedBySuspension(accountId)) {
            policies.markPausedBySuspension(policy.id(), false);
            if (policy.state() == State.PAUSED) {
                changeState(policy, State.ACTIVE, null,
                        new BackupPolicyResumed(policy.id().toString(), accountId, "account resumed"));
            }
        }
    }

    /** The account is purged: every policy stops and keeps its artifacts until {@code keepArtifactsUntil}. */
    int accountPurged(String accountId, Instant keepArtifactsUntil) {
        suspended.resume(accountId);
        resources.forgetAll(accountId);
        int stopped = 0;
        for (BackupPolicy policy : policies.findByAccountIdForUpdate(accountId)) {
            if (policy.state() != State.STOPPED) {
                stop(policy, keepArtifactsUntil);
                stopped++;
            }
        }
        return stopped;
    }

    private void pauseForSuspension(BackupPolicy policy, String reason) {
        changeState(policy, State.PAUSED, null, new BackupPolicyPaused(policy.id().toString(), policy.accountId(), reason));
        policies.markPausedBySuspension(policy.id(), true);
    }

    private void stop(BackupPolicy policy, Instant keepArtifactsUntil) {
        policies.markPausedBySuspension(policy.id(), false);
        BackupPolicy stopped = policy.withState(State.STOPPED, keepArtifactsUntil.truncatedTo(ChronoUnit.MICROS), now());
        policies.update(stopped);
        outbox.append(updated(stopped));
    }

    private BackupPolicy changeState(BackupPolicy policy, State state, @Nullable Instant keepArtifactsUntil,
                                     MooringEvent announcement) {
        BackupPolicy changed = policy.withState(state, keepArtifactsUntil, now());
        policies.update(changed);
        outbox.append(announcement);
        return changed;
    }

    private void remove(BackupPolicy policy) {
        policies.delete(policy);
        outbox.append(new BackupPolicyDeleted(policy.id().toString(), policy.accountId()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean sameSettings(BackupPolicy a, BackupPolicy b) {
        return a.withSettings(b.settings(), a.updatedAt()).equals(a);
    }

    static BackupPolicyCreated created(BackupPolicy p) {
        return new BackupPolicyCreated(p.id().toString(), p.accountId(), new BackupTarget(p.targetKind(), p.targetName()),
                p.schedule(), p.retentionDays(), p.timeZone(), retention(p), p.destination(), p.zstdLevel(),
                p.ageRecipients(), p.state().name());
    }

    static BackupPolicyUpdated updated(BackupPolicy p) {
        return new BackupPolicyUpdated(p.id().toString(), p.accountId(), new BackupTarget(p.targetKind(), p.targetName()),
                p.schedule(), p.retentionDays(), p.timeZone(), retention(p), p.destination(), p.zstdLevel(),
                p.ageRecipients(), p.state().name(),
                p.keepArtifactsUntil() == null ? null : p.keepArtifactsUntil().atOffset(ZoneOffset.UTC));
    }

    private static BackupRetention retention(BackupPolicy p) {
        return new BackupRetention(p.keepLast(), p.keepDaily(), p.keepWeekly(), p.keepMonthly(), p.keepWithin());
    }
}
