package io.mooring.backup.run;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.mooring.backup.policy.BackupPolicies;
import io.mooring.backup.policy.BackupPolicy;
import io.mooring.backup.policy.CronSchedule;
import io.mooring.backup.policy.TargetKind;
import io.mooring.runtime.redis.RedisLeases;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Optional;

/**
 * Verifies, at each slot of {@code mooring.backup.verify-schedule} (five-field cron, UTC; daily at 04:30 by
 * default), the newest SUCCEEDED run of every ACTIVE database policy (and account policy with a database) that was
 * not verified since that slot; once across replicas, under a lease per policy and slot.
 */
@Singleton
@Requires(beans = StatefulRedisConnection.class)
class VerificationSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationSchedule.class);
    private static final Duration LOOK_BACK = Duration.ofDays(32);

    private final BackupPolicies policies;
    private final RunStore runs;
    private final RestoreStore restores;
    private final Restores verifier;
    private final RedisLeases leases;
    private final CronSchedule schedule;
    private final Clock clock;

    VerificationSchedule(BackupPolicies policies, RunStore runs, RestoreStore restores, Restores verifier,
                         @Named(SlotLeases.NAME) RedisLeases leases, RunSettings settings, Clock clock) {
        this.policies = policies;
        this.runs = runs;
        this.restores = restores;
        this.verifier = verifier;
        this.leases = leases;
        this.schedule = CronSchedule.parse(settings.getVerifySchedule());
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${mooring.backup.verify-check-interval:5m}",
            initialDelay = "${mooring.backup.schedule-initial-delay:5s}")
    void check() {
        Instant now = clock.instant();
        Optional<Instant> slot = latestSlot(now);
        if (slot.isEmpty()) {
            return;
        }
        for (BackupPolicy policy : policies.all(BackupPolicy.State.ACTIVE)) {
            if (policy.kind() != TargetKind.POSTGRES_DATABASE && policy.kind() != TargetKind.ACCOUNT) {
                continue;
            }
            try {
                consider(policy, slot.get());
            } catch (RuntimeException e) {
                LOG.warn("could not verify policy {}: {}", policy.id(), RunFailures.reason(e));
            }
        }
    }

    private void consider(BackupPolicy policy, Instant slot) {
        if (restores.lastVerification(policy.id()).filter(last -> !last.isBefore(slot)).isPresent()) {
            return;
        }
        Optional<BackupRun> newest = runs.succeeded(policy.id()).stream()
                .filter(r -> r.artifacts().stream().anyMatch(a -> a.kind() == TargetKind.POSTGRES_DATABASE))
                .max(Comparator.comparing(BackupRun::startedAt));
        if (newest.isEmpty()) {
            return;
        }
        RedisLeases.Lease lease = leases.tryAcquire("verify:" + policy.id() + "@" + slot.toEpochMilli());
        if (lease == null) {
            return;
        }
        // the lease expires on its own: the verification row, written now, stops the others after that
        BackupRestore verification = verifier.verify(newest.get().id());
        LOG.info("verifying run {} of policy {}: verification {}", newest.get().id(), policy.id(), verification.id());
    }

    private Optional<Instant> latestSlot(Instant now) {
        Instant slot = null;
        for (Instant next = schedule.nextAfter(now.minus(LOOK_BACK), ZoneOffset.UTC); !next.isAfter(now);
             next = schedule.nextAfter(next, ZoneOffset.UTC)) {
            slot = next;
        }
        return Optional.ofNullable(slot);
    }
}
