package io.mooring.backup.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.backups.BackupVerified;
import io.mooring.events.backups.RestoreCompleted;
import io.mooring.events.backups.RestoreFailed;
import io.mooring.events.backups.RestoreStarted;
import io.mooring.runtime.Ids;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The restores' and verifications' states, each change committed with its event. Beginning one locks its run, so a
 * run cannot be pruned while a restore starts reading it, nor read once pruned.
 */
@Singleton
class RestoreLedger {
    /** How the reason of a restore or verification that a stopping or dead instance left begins. */
    static final String INTERRUPTED = "interrupted: ";
    private static final Logger LOG = LoggerFactory.getLogger(RestoreLedger.class);

    private final RunStore runs;
    private final RestoreStore restores;
    private final Outbox outbox;
    private final Clock clock;
    private final String instance;

    RestoreLedger(RunStore runs, RestoreStore restores, Outbox outbox, Clock clock, RunSettings settings) {
        this.runs = runs;
        this.restores = restores;
        this.outbox = outbox;
        this.clock = clock;
        this.instance = settings.getInstanceId();
    }

    /** Records a RUNNING restore (or verification) of a SUCCEEDED run; {@link RunRefused} otherwise. */
    @Transactional
    BackupRestore begin(UUID runId, BackupRestore.Purpose purpose, String targetName, boolean overwrite) {
        BackupRun run = runs.findForUpdate(runId).orElseThrow(() -> new RunRefused("not-found", null, "no run " + runId));
        if (run.state() != RunState.SUCCEEDED) {
            throw new RunRefused("run-not-restorable", null, "run " + runId + " is " + run.state()
                    + ": only a SUCCEEDED run has artifacts to " + purpose.name().toLowerCase(java.util.Locale.ROOT));
        }
        BackupRestore restore = new BackupRestore(Ids.next(), run.id(), run.policyId(), run.accountId(), purpose,
                targetName, overwrite, BackupRestore.State.RUNNING, null, 0, now(), null, instance);
        restores.insert(restore);
        if (purpose == BackupRestore.Purpose.RESTORE) {
            outbox.append(new RestoreStarted(run.policyId().toString(), run.id().toString(), run.accountId(),
                    restore.id().toString(), targetName, overwrite));
        }
        return restore;
    }

    /** Ends a restore: completed, or failed with {@code reason}, with its final progress in bytes. */
    @Transactional
    Optional<BackupRestore> finishRestore(UUID id, @Nullable String reason, long progressBytes) {
        Optional<BackupRestore> done = restores.finish(id, reason == null ? BackupRestore.State.SUCCEEDED
                : BackupRestore.State.FAILED, reason, progressBytes, now());
        done.ifPresent(this::announce);
        return done;
    }

    /** Ends a verification with its verdict: ok without {@code reason}, failed with it. */
    @Transactional
    Optional<BackupRestore> finishVerification(UUID id, @Nullable String reason) {
        Optional<BackupRestore> done = restores.finish(id, reason == null ? BackupRestore.State.SUCCEEDED
                : BackupRestore.State.FAILED, reason, 0, now());
        done.ifPresent(this::announce);
        return done;
    }

    /** Fails the restores and verifications a dead instance left RUNNING. */
    @Transactional
    List<BackupRestore> failStale(Instant before) {
        return restores.staleForUpdate(before).stream()
                .map(r -> restores.finish(r.id(), BackupRestore.State.FAILED,
                        INTERRUPTED + "instance " + r.ownerInstance() + " stopped while running it", 0, now()))
                .flatMap(Optional::stream)
                .peek(this::announce)
                .toList();
    }

    private void announce(BackupRestore r) {
        String policy = r.policyId().toString();
        String run = r.runId().toString();
        if (r.purpose() == BackupRestore.Purpose.VERIFY && r.reason() != null && r.reason().startsWith(INTERRUPTED)) {
            // says nothing of the artifact: the next check verifies it again
            LOG.info("verification {} of run {} {}", r.id(), run, r.reason());
        } else if (r.purpose() == BackupRestore.Purpose.VERIFY) {
            outbox.append(new BackupVerified(policy, run, r.state() == BackupRestore.State.SUCCEEDED, r.accountId(),
                    r.reason()));
        } else if (r.state() == BackupRestore.State.SUCCEEDED) {
            outbox.append(new RestoreCompleted(policy, run, r.accountId(), r.id().toString(), r.targetName(),
                    Duration.between(r.startedAt(), r.finishedAt()).toSeconds()));
        } else {
            outbox.append(new RestoreFailed(policy, run, r.accountId(), r.reason(), r.id().toString()));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
