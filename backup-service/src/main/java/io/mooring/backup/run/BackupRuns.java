package io.mooring.backup.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.backup.policy.BackupPolicy;
import io.mooring.events.backups.BackupPruned;
import io.mooring.events.backups.BackupRunFailed;
import io.mooring.events.backups.BackupRunStarted;
import io.mooring.events.backups.BackupRunSucceeded;
import io.mooring.runtime.Ids;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The runs' states, each change committed with its event: a run is never started, succeeded or failed
 * without {@code BackupRunStarted}, {@code BackupRunSucceeded} or {@code BackupRunFailed} in the outbox.
 */
@Singleton
public class BackupRuns {
    private final RunStore store;
    private final Outbox outbox;
    private final Clock clock;
    private final String instance;

    BackupRuns(RunStore store, Outbox outbox, Clock clock, RunSettings settings) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
        this.instance = settings.getInstanceId();
    }

    /** Records a RUNNING run of {@code policy} owned by this instance; {@link RunInProgress} if one runs already. */
    @Transactional(noRollbackFor = RunInProgress.class)
    public BackupRun begin(BackupPolicy policy, Trigger trigger, @Nullable Instant slot, int attempt) {
        return begin(policy, trigger, slot, attempt, null);
    }

    /** As {@link #begin(BackupPolicy, Trigger, Instant, int)}, started by the chat command {@code commandId}. */
    @Transactional(noRollbackFor = RunInProgress.class)
    public BackupRun begin(BackupPolicy policy, Trigger trigger, @Nullable Instant slot, int attempt,
                           @Nullable String commandId) {
        Instant now = now();
        BackupRun run = new BackupRun(Ids.next(), policy.id(), policy.accountId(), policy.kind(), policy.targetName(),
                policy.destination(), trigger, slot, attempt, RunState.RUNNING, null, null, 0, null, null, now, null,
                instance, now, List.of());
        if (!store.insertRunning(run)) {
            throw new RunInProgress(store.running(policy.id()).orElseThrow(() ->
                    new IllegalStateException("policy " + policy.id() + " has a running run that vanished")));
        }
        outbox.append(new BackupRunStarted(policy.id().toString(), run.id().toString(), run.accountId(),
                trigger.wireName(), commandId));
        return run;
    }

    /**
     * Marks the run SUCCEEDED with its artifacts and its final {@code progress} (bytes read or copied); empty if it was
     * no longer running (then it must not count).
     */
    @Transactional
    public Optional<BackupRun> succeed(UUID runId, long progress) {
        BackupRun current = store.find(runId).orElseThrow();
        long plaintext = current.artifacts().stream().mapToLong(RunArtifact::plaintextBytes).sum();
        long stored = current.artifacts().stream().mapToLong(RunArtifact::storedBytes).sum();
        Optional<BackupRun> done = store.finish(runId, RunState.SUCCEEDED, null, null, plaintext, stored,
                Math.max(progress, plaintext), now());
        done.ifPresent(run -> {
            RunArtifact first = run.artifacts().getFirst();
            outbox.append(new BackupRunSucceeded(run.policyId().toString(), run.id().toString(), run.accountId(),
                    first.key(), stored, first.storedSha256(), run.artifacts().stream().map(RunArtifact::key).toList(),
                    plaintext, run.duration(run.finishedAt()).toSeconds(), run.trigger().wireName()));
        });
        return done;
    }

    /** Marks the run FAILED; empty if it had ended already. */
    @Transactional
    public Optional<BackupRun> fail(UUID runId, String reason, Failure failure) {
        Optional<BackupRun> done = store.finish(runId, RunState.FAILED, reason, failure, null, null, null, now());
        done.ifPresent(this::announceFailed);
        return done;
    }

    /**
     * Fails the RUNNING runs whose instance stopped heartbeating before {@code before}, with their events; another
     * sweeping replica skips the rows this one holds.
     */
    @Transactional
    public List<BackupRun> failStale(Instant before) {
        return store.staleForUpdate(before).stream()
                .map(run -> store.finish(run.id(), RunState.FAILED, "interrupted: instance " + run.ownerInstance()
                        + " stopped while running it (no heartbeat since " + run.heartbeatAt() + ")",
                        Failure.INTERRUPTED, null, null, null, now()))
                .flatMap(Optional::stream)
                .peek(this::announceFailed)
                .toList();
    }

    void announceFailed(BackupRun run) {
        outbox.append(new BackupRunFailed(run.policyId().toString(), run.id().toString(), run.accountId(),
                run.reason(), run.failure().wireName(), run.duration(run.finishedAt()).toSeconds(),
                run.trigger().wireName()));
    }

    /**
     * Marks a SUCCEEDED run PRUNED with its {@code BackupPruned}, unless a restore or verification reads it; the
     * caller then deletes its objects. Empty if it was not prunable.
     */
    @Transactional
    public Optional<BackupRun> prune(UUID runId, String reason) {
        return store.findForUpdate(runId)
                .filter(run -> run.state() == RunState.SUCCEEDED && !store.beingRead(run.policyId()).contains(run.id()))
                .filter(run -> store.markPruned(run.id(), now()))
                .map(run -> {
                    outbox.append(new BackupPruned(run.policyId().toString(), run.id().toString(), run.accountId(),
                            run.artifacts().stream().map(RunArtifact::key).toList(), reason));
                    return run;
                });
    }

    public Optional<BackupRun> find(UUID id) {
        return store.find(id);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
