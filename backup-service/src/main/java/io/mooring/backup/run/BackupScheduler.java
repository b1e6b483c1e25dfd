package io.mooring.backup.run;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import io.mooring.backup.policy.BackupPolicies;
import io.mooring.backup.policy.BackupPolicy;
import io.mooring.runtime.redis.RedisLeases;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fires each ACTIVE policy at its schedule slots ({@link BackupPolicy#nextRunAfter}, in the policy's zone), once
 * across replicas: a replica works on a slot only while it holds the slot's lease in Redis, renewed with the
 * heartbeat and released at the end; the database's slot history stops a finished slot from running again.
 *
 * <p>Retry rule: a slot gets up to {@code mooring.backup.retry-attempts} attempts (3), the first included. After a
 * transient, timed-out or interrupted failure the next attempt follows with exponential backoff from
 * {@code retry-delay} (1 min) to {@code retry-max-delay} (15 min), but never after the policy's next slot, which
 * takes over; a permanent failure waits for the next slot. An attempt that died with its instance (failed by the
 * sweeper) counts, and the slot's remaining attempts are taken up by the next check of any replica.
 *
 * <p>Each check also sets {@code mooring_backup_overdue_seconds}: the longest an ACTIVE policy has been waiting for a
 * successful backup since a slot became due ({@link Slots#overdue}); 0 when every due slot has one.
 */
@Singleton
@Requires(beans = StatefulRedisConnection.class)
class BackupScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);

    private final BackupPolicies policies;
    private final RunStore store;
    private final RunLauncher launcher;
    private final RedisLeases leases;
    private final RunSettings settings;
    private final ScheduledExecutorService delays;
    private final Clock clock;
    private final Map<String, RedisLeases.Lease> held = new ConcurrentHashMap<>();
    private final AtomicLong overdueSeconds = new AtomicLong();

    BackupScheduler(BackupPolicies policies, RunStore store, RunLauncher launcher,
                    @Named(SlotLeases.NAME) RedisLeases leases, RunSettings settings, @Named(TaskExecutors.SCHEDULED) ExecutorService scheduled, Clock clock,
                    MeterRegistry meters) {
        this.policies = policies;
        this.store = store;
        this.launcher = launcher;
        this.leases = leases;
        this.settings = settings;
        this.delays = (ScheduledExecutorService) scheduled;
        this.clock = clock;
        Gauge.builder("mooring.backup.overdue", overdueSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Longest wait of an active policy for a successful backup since a slot became due")
                .register(meters);
    }

    @Scheduled(fixedDelay = "${mooring.backup.schedule-check-interval:30s}",
            initialDelay = "${mooring.backup.schedule-initial-delay:5s}")
    void check() {
        Instant now = clock.instant();
        List<BackupPolicy> active = policies.all(BackupPolicy.State.ACTIVE);
        for (BackupPolicy policy : active) {
            try {
                consider(policy, now);
            } catch (RuntimeException e) {
                LOG.warn("could not check the schedule of policy {}: {}", policy.id(), RunFailures.reason(e));
            }
        }
        Map<UUID, Instant> succeeded = store.lastSucceededSlots();
        overdueSeconds.set(active.stream()
                .mapToLong(p -> Slots.overdue(p, succeeded.get(p.id()), now).toSeconds())
                .max().orElse(0));
    }

    private void consider(BackupPolicy policy, Instant now) {
        Optional<Instant> due = Slots.latest(policy, store.lastSlot(policy.id()).orElse(null), now);
        if (due.isEmpty()) {
            return;
        }
        Instant slot = due.get();
        String name = policy.id() + "@" + slot.toEpochMilli();
        if (held.containsKey(name)) {
            return;
        }
        RunStore.SlotHistory history = store.slot(policy.id(), slot);
        if (history.succeeded() || history.running() || history.attempts() >= settings.getRetryAttempts()
                || store.running(policy.id()).isPresent()) {
            return;
        }
        RedisLeases.Lease lease = leases.tryAcquire(name);
        if (lease == null) {
            return;
        }
        held.put(name, lease);
        AtomicInteger attempt = new AtomicInteger(history.attempts());
        RetryPolicy<BackupRun> retry = RetryPolicy.<BackupRun>builder()
                .handleResultIf(run -> run.state() == RunState.FAILED && run.failure() != null && run.failure().retriable())
                .withBackoff(settings.getRetryDelay(), settings.getRetryMaxDelay())
                .withMaxAttempts(settings.getRetryAttempts() - history.attempts())
                .withMaxDuration(Duration.between(now, policy.nextRunAfter(slot)))
                .build();
        LOG.info("policy {}: running slot {} (attempt {})", policy.id(), slot, history.attempts() + 1);
        Failsafe.with(retry).with(delays)
                .getStageAsync(() -> launcher.startScheduled(policy, slot, attempt.incrementAndGet()))
                .whenComplete((run, failure) -> {
                    held.remove(name);
                    if (failure != null) {
                        LOG.warn("policy {}: slot {} could not run: {}", policy.id(), slot, RunFailures.reason(failure));
                    }
                    try {
                        leases.release(lease);
                    } catch (RuntimeException e) {
                        LOG.warn("lease {} not released (it expires): {}", lease.key(), RunFailures.reason(e));
                    }
                });
    }

    /** Renews the leases of the slots this instance works on; called with each heartbeat. */
    @Scheduled(fixedDelay = "${mooring.backup.heartbeat-interval:10s}")
    void renewLeases() {
        held.forEach((name, lease) -> {
            try {
                if (!leases.renew(lease)) {
                    LOG.warn("lost the lease of slot {}: another replica may take it over", name);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not renew the lease of slot {}: {}", name, RunFailures.reason(e));
            }
        });
    }

    @PreDestroy
    void stop() {
        held.values().forEach(lease -> {
            try {
                leases.release(lease);
            } catch (RuntimeException e) {
                // it expires
            }
        });
    }
}
