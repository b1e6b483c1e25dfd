package io.mooring.backup.run;

import io.micronaut.scheduling.annotation.Scheduled;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.backup.policy.BackupPolicies;
import io.mooring.backup.policy.BackupPolicy;
import io.mooring.backup.policy.RetentionRules;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies retention after each successful run: the policy's rules ({@link RetentionRules}, like restic's forget)
 * over its SUCCEEDED runs. It never prunes the newest successful run, nor one a restore or verification is reading.
 * A pruned run is marked PRUNED with {@code BackupPruned} first, then its objects are deleted. STOPPED policies past
 * their {@code keepArtifactsUntil} lose every artifact, and then the policy itself.
 */
@Singleton
class Pruner {
    static final String RETENTION = "retention";
    static final String POLICY_STOPPED = "policy-stopped";
    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

    private final BackupPolicies policies;
    private final BackupRuns runs;
    private final RunStore store;
    private final Destinations destinations;
    private final ArtifactObjects objects;
    private final Clock clock;

    Pruner(BackupPolicies policies, BackupRuns runs, RunStore store, Destinations destinations, ArtifactObjects objects,
           Clock clock) {
        this.policies = policies;
        this.runs = runs;
        this.store = store;
        this.destinations = destinations;
        this.objects = objects;
        this.clock = clock;
    }

    /** Prunes the policy of a run that just succeeded; a failure is logged and retried after the next run. */
    void afterSuccess(BackupRun run) {
        try {
            policies.find(run.policyId()).ifPresent(this::prune);
        } catch (RuntimeException e) {
            LOG.warn("pruning policy {} failed: {}", run.policyId(), RunFailures.reason(e));
        }
    }

    /** Prunes what the policy's retention does not keep; returns the pruned runs' ids. */
    List<UUID> prune(BackupPolicy policy) {
        List<BackupRun> succeeded = store.succeeded(policy.id());
        if (succeeded.size() < 2) {
            return List.of();
        }
        Set<String> keep = new java.util.HashSet<>(policy.retention().keep(succeeded.stream()
                .map(r -> new RetentionRules.Artifact(r.id().toString(), r.startedAt())).toList(), policy.zone()));
        keep.add(succeeded.getLast().id().toString());
        return succeeded.stream().filter(r -> !keep.contains(r.id().toString()))
                .filter(r -> pruneRun(r, RETENTION)).map(BackupRun::id).toList();
    }

    /** Prunes every artifact of STOPPED policies whose keep period ended, then deletes those policies. */
    @Scheduled(fixedDelay = "${mooring.backup.stopped-check-interval:10m}", initialDelay = "${mooring.backup.sweep-initial-delay:5s}")
    void pruneStopped() {
        Instant now = clock.instant();
        for (BackupPolicy policy : policies.all(BackupPolicy.State.STOPPED)) {
            if (policy.keepArtifactsUntil() == null || policy.keepArtifactsUntil().isAfter(now)) {
                continue;
            }
            try {
                store.succeeded(policy.id()).forEach(run -> pruneRun(run, POLICY_STOPPED));
                if (store.succeeded(policy.id()).isEmpty() && store.running(policy.id()).isEmpty()
                        && store.beingRead(policy.id()).isEmpty() && policies.delete(policy.id())) {
                    LOG.info("stopped policy {} kept its artifacts until {}: pruned and deleted", policy.id(),
                            policy.keepArtifactsUntil());
                }
            } catch (RuntimeException e) {
                LOG.warn("pruning stopped policy {} failed: {}", policy.id(), RunFailures.reason(e));
            }
        }
    }

    private boolean pruneRun(BackupRun run, String reason) {
        if (runs.prune(run.id(), reason).isEmpty()) {
            return false;
        }
        try {
            Destination destination = destinations.require(run.destination());
            objects.deleteUnder(destination, ArtifactKeys.ofRun(destination, run.accountId(), run.policyId(), run.id()));
            LOG.info("run {} of policy {} pruned ({})", run.id(), run.policyId(), reason);
        } catch (RuntimeException e) {
            LOG.warn("run {} is pruned but deleting its objects failed: {}", run.id(), RunFailures.reason(e));
        }
        return true;
    }
}
