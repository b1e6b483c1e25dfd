package io.mooring.backup.run;

import io.micronaut.core.annotation.Nullable;
import io.mooring.backup.artifact.ArtifactRestorer;
import io.mooring.backup.artifact.Manifest;
import io.mooring.backup.artifact.Manifests;
import io.mooring.backup.artifact.RestoreRequest;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.PostgresSource;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Restores and verifications of a SUCCEEDED run, as operations on the run executor's bounded pool. A restore puts
 * each artifact into its target: a new database or bucket by default, the account's Redis prefix; an existing target
 * only with {@code overwrite}. A verification restores each Postgres artifact into a scratch database, compares its
 * tables and row counts with the manifest, drops it and records the verdict ({@code BackupVerified}).
 */
@Singleton
public class Restores {
    private static final Logger LOG = LoggerFactory.getLogger(Restores.class);

    private final RunStore runs;
    private final RestoreStore store;
    private final RestoreLedger ledger;
    private final RestoreTargets targets;
    private final Map<TargetKind, ArtifactRestorer> restorers = new EnumMap<>(TargetKind.class);
    private final Destinations destinations;
    private final Manifests manifests;
    private final PostgresSource postgres;
    private final RunExecutor executor;
    private final ActiveWork active;
    private final RunFailures failures;

    Restores(RunStore runs, RestoreStore store, RestoreLedger ledger, RestoreTargets targets,
             List<ArtifactRestorer> restorers, Destinations destinations, Manifests manifests, PostgresSource postgres,
             RunExecutor executor, ActiveWork active, RunFailures failures) {
        this.runs = runs;
        this.store = store;
        this.ledger = ledger;
        this.targets = targets;
        restorers.forEach(r -> this.restorers.put(r.kind(), r));
        this.destinations = destinations;
        this.manifests = manifests;
        this.postgres = postgres;
        this.executor = executor;
        this.active = active;
        this.failures = failures;
    }

    private record Step(RunArtifact artifact, String target) {
    }

    /**
     * Starts restoring the run. {@link RunRefused} with a field (400) for a bad {@code targetName} or an existing
     * target without {@code overwrite}; without a field (409/404) for a run that is not SUCCEEDED or unknown, or a
     * database whose owner the backup role cannot act as.
     */
    public BackupRestore restore(UUID runId, @Nullable String targetName, boolean overwrite) throws Exception {
        BackupRun run = restorable(runId);
        if (targetName != null && run.artifacts().size() > 1) {
            throw new RunRefused("validation", "targetName", "run " + runId + " has one artifact per resource of its"
                    + " account; each is restored to its own default target, so targetName must be omitted");
        }
        List<Step> steps = new ArrayList<>();
        for (RunArtifact artifact : run.artifacts()) {
            String target = targetName != null ? targetName
                    : RestoreTargets.defaultName(artifact, run.accountId(), run.startedAt());
            RestoreTargets.check(artifact.kind(), target, run.accountId());
            if (!overwrite && targets.exists(artifact.kind(), target)) {
                throw new RunRefused("validation", "overwrite", artifact.kind().wireName() + " " + target
                        + " exists and holds data; set \"overwrite\": true to replace it");
            }
            targets.checkOwner(artifact.kind(), target);
            steps.add(new Step(artifact, target));
        }
        String shown = String.join(", ", steps.stream().map(Step::target).toList());
        BackupRestore restore = ledger.begin(runId, BackupRestore.Purpose.RESTORE, shown, overwrite);
        active.track(restore.id());
        executor.submitWork(() -> executeRestore(restore, run, steps, overwrite));
        return restore;
    }

    /** Starts verifying the run's Postgres artifacts; {@link RunRefused} if it has none or is not SUCCEEDED. */
    public BackupRestore verify(UUID runId) {
        BackupRun run = restorable(runId);
        List<RunArtifact> databases = run.artifacts().stream()
                .filter(a -> a.kind() == TargetKind.POSTGRES_DATABASE).toList();
        if (databases.isEmpty()) {
            throw new RunRefused("not-verifiable", null, "run " + runId + " has no Postgres artifact; verification "
                    + "restores Postgres artifacts and compares their row counts");
        }
        String scratch = "mooring_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        BackupRestore verification = ledger.begin(runId, BackupRestore.Purpose.VERIFY, scratch, false);
        active.track(verification.id());
        executor.submitWork(() -> executeVerification(verification, run, databases, scratch));
        return verification;
    }

    public Optional<BackupRestore> find(UUID id) {
        return store.find(id);
    }

    void failStale(Instant before) {
        ledger.failStale(before).forEach(r -> LOG.warn("{} {} of run {} failed: {}", r.purpose(), r.id(), r.runId(),
                r.reason()));
    }

    private BackupRun restorable(UUID runId) {
        BackupRun run = runs.find(runId).orElseThrow(() -> new RunRefused("not-found", null, "no run " + runId));
        if (run.state() != RunState.SUCCEEDED) {
            throw new RunRefused("run-not-restorable", null, "run " + runId + " is " + run.state()
                    + ": only a SUCCEEDED run has artifacts to restore or verify");
        }
        return run;
    }

    private BackupRestore executeRestore(BackupRestore restore, BackupRun run, List<Step> steps, boolean overwrite) {
        String reason = null;
        try {
            Destination destination = destinations.require(run.destination());
            long before = 0;
            for (Step step : steps) {
                ActiveWork.ArtifactProgress progress = active.artifact(restore.id(), before);
                restorer(step.artifact().kind()).restore(new RestoreRequest(step.artifact().kind(), destination,
                        step.artifact().key(), run.accountId(), step.target(), overwrite), progress);
                before = progress.end(step.artifact().plaintextBytes());
            }
        } catch (Throwable e) {
            Thread.interrupted();
            reason = failures.classify(e).reason();
            LOG.warn("restore {} of run {} failed: {}", restore.id(), run.id(), reason);
        }
        long progress = active.of(restore.id());
        active.forget(restore.id());
        return ledger.finishRestore(restore.id(), reason, progress).orElse(restore);
    }

    private BackupRestore executeVerification(BackupRestore verification, BackupRun run, List<RunArtifact> databases,
                                              String scratch) {
        String reason = null;
        try {
            Destination destination = destinations.require(run.destination());
            for (RunArtifact artifact : databases) {
                reason = verifyOne(destination, run, artifact, scratch, verification.id());
                if (reason != null) {
                    break;
                }
            }
        } catch (Throwable e) {
            Thread.interrupted();
            RunFailures.Verdict verdict = failures.classify(e);
            reason = verdict.failure() == Failure.INTERRUPTED ? RestoreLedger.INTERRUPTED + "the service stopped"
                    : "could not verify: " + verdict.reason();
        } finally {
            active.forget(verification.id());
            dropQuietly(scratch);
        }
        LOG.info("verification {} of run {}: {}", verification.id(), run.id(), reason == null ? "ok" : reason);
        return ledger.finishVerification(verification.id(), reason).orElse(verification);
    }

    /** Null when the restored database has exactly the manifest's tables and row counts, else why not. */
    private String verifyOne(Destination destination, BackupRun run, RunArtifact artifact, String scratch,
                             UUID verificationId) throws Exception {
        dropQuietly(scratch);
        Manifest manifest = manifests.read(destination, artifact.manifestKey());
        restorer(TargetKind.POSTGRES_DATABASE).restore(new RestoreRequest(TargetKind.POSTGRES_DATABASE, destination,
                artifact.key(), run.accountId(), scratch, false), bytes -> active.progress(verificationId, bytes));
        Map<String, Long> restored = postgres.rowCounts(scratch);
        return TableComparison.differences(artifact.targetName(), manifest.tables(), restored);
    }

    private ArtifactRestorer restorer(TargetKind kind) {
        ArtifactRestorer restorer = restorers.get(kind);
        if (restorer == null) {
            throw new PermanentRunFailure("this service has no restorer for " + kind.wireName());
        }
        return restorer;
    }

    private void dropQuietly(String database) {
        try (Connection c = postgres.connectMaintenance(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + PostgresSource.quote(database) + " WITH (FORCE)");
        } catch (Exception e) {
            LOG.warn("could not drop scratch database {}: {}", database, RunFailures.reason(e));
        }
    }
}
