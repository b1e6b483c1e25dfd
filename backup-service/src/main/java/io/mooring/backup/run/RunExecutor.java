package io.mooring.backup.run;

import dev.failsafe.Failsafe;
import dev.failsafe.Timeout;
import io.mooring.backup.artifact.AgeKeys;
import io.mooring.backup.artifact.ArtifactRequest;
import io.mooring.backup.artifact.ArtifactWriter;
import io.mooring.backup.artifact.ArtifactWritten;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.backup.policy.AccountResource;
import io.mooring.backup.policy.AccountResources;
import io.mooring.backup.policy.BackupPolicy;
import io.mooring.backup.policy.TargetKind;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executes runs on a bounded pool ({@code mooring.backup.max-concurrent-runs} threads; more runs wait in line),
 * each within {@code mooring.backup.run-timeout} (Failsafe interrupts the writer) and with
 * {@code mooring.backup.bandwidth-per-run} passed to the writer. A run succeeds only after every writer returned;
 * otherwise whatever it wrote is deleted and it is marked FAILED with a classified reason.
 */
@Singleton
public class RunExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

    private final BackupRuns runs;
    private final RunStore store;
    private final ActiveWork active;
    private final Map<TargetKind, ArtifactWriter> writers = new EnumMap<>(TargetKind.class);
    private final AccountResources accountResources;
    private final Destinations destinations;
    private final ArtifactObjects objects;
    private final RunFailures failures;
    private final Pruner pruner;
    private final RunSettings settings;
    private final List<String> defaultRecipients;
    private final ExecutorService pool;

    RunExecutor(BackupRuns runs, RunStore store, ActiveWork active, List<ArtifactWriter> writers,
                AccountResources accountResources, Destinations destinations, ArtifactObjects objects,
                RunFailures failures, Pruner pruner, RunSettings settings, AgeKeys ageKeys) {
        this.runs = runs;
        this.store = store;
        this.active = active;
        writers.forEach(w -> this.writers.put(w.kind(), w));
        this.accountResources = accountResources;
        this.destinations = destinations;
        this.objects = objects;
        this.failures = failures;
        this.pruner = pruner;
        this.settings = settings;
        this.defaultRecipients = ageKeys.defaultRecipients();
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.getMaxConcurrentRuns(), settings.getMaxConcurrentRuns(), 0,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "backup-run-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a run begun by {@link BackupRuns#begin}; the future completes with the ended run. */
    public CompletableFuture<BackupRun> submit(BackupRun run, BackupPolicy policy) {
        active.track(run.id());
        return CompletableFuture.supplyAsync(() -> execute(run, policy), pool);
    }

    /** Queues other work (restores, verifications) on the same bounded pool. */
    <T> CompletableFuture<T> submitWork(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, pool);
    }

    private BackupRun execute(BackupRun run, BackupPolicy policy) {
        try {
            Failsafe.with(Timeout.builder(settings.getRunTimeout()).withInterrupt().build())
                    .run(() -> writeAll(run, policy));
            BackupRun done = runs.succeed(run.id(), active.of(run.id())).orElse(null);
            if (done == null) {
                // the sweeper declared this run dead while it finished: it must not count
                LOG.warn("run {} of policy {} finished after it was marked failed; its artifacts are deleted",
                        run.id(), run.policyId());
                removeWritten(run);
                return runs.find(run.id()).orElseThrow();
            }
            LOG.info("run {} of policy {} succeeded: {} artifact(s)", run.id(), run.policyId(), done.artifacts().size());
            pruner.afterSuccess(done);
            return done;
        } catch (Throwable e) {
            RunFailures.Verdict verdict = failures.classify(e);
            LOG.warn("run {} of policy {} failed ({}): {}", run.id(), run.policyId(), verdict.failure().wireName(),
                    verdict.reason());
            Thread.interrupted();
            removeWritten(run);
            return runs.fail(run.id(), verdict.reason(), verdict.failure()).or(() -> runs.find(run.id())).orElseThrow();
        } finally {
            active.forget(run.id());
        }
    }

    private void writeAll(BackupRun run, BackupPolicy policy) throws Exception {
        List<AccountResource> resources = policy.kind() == TargetKind.ACCOUNT
                ? accountResources.of(policy.accountId())
                : List.of(new AccountResource(policy.kind(), policy.targetName()));
        if (resources.isEmpty()) {
            throw new PermanentRunFailure("account " + policy.accountId() + " has no resource the service knows of");
        }
        Destination destination = destination(policy);
        List<String> recipients = policy.ageRecipients().isEmpty() ? defaultRecipients : policy.ageRecipients();
        if (recipients.isEmpty()) {
            throw new PermanentRunFailure("no age recipient: the policy has none and mooring.backup.age.recipients is not set");
        }
        long before = 0;
        for (int position = 0; position < resources.size(); position++) {
            AccountResource resource = resources.get(position);
            ArtifactWriter writer = writers.get(resource.kind());
            if (writer == null) {
                throw new PermanentRunFailure("this service has no writer for " + resource.kind().wireName());
            }
            ArtifactRequest request = new ArtifactRequest(run.accountId(), run.policyId().toString(), run.id().toString(),
                    resource.kind(), resource.name(), destination, ArtifactKeys.of(destination, run, resource),
                    policy.zstdLevel(), recipients, settings.getBandwidthPerRun());
            ActiveWork.ArtifactProgress progress = active.artifact(run.id(), before);
            ArtifactWritten written = writer.write(request, progress);
            store.addArtifact(run.id(), RunArtifact.of(position, resource.kind(), resource.name(), written));
            before = progress.end(written.plaintextBytes());
        }
    }

    private Destination destination(BackupPolicy policy) {
        try {
            return destinations.require(policy.destination());
        } catch (IllegalArgumentException e) {
            throw new PermanentRunFailure(e.getMessage());
        }
    }

    /** Deletes whatever the run wrote; a failure here leaves the objects to the next prune of a dead run. */
    void removeWritten(BackupRun run) {
        try {
            Destination destination = destinations.require(run.destination());
            int deleted = objects.deleteUnder(destination,
                    ArtifactKeys.ofRun(destination, run.accountId(), run.policyId(), run.id()));
            if (deleted > 0) {
                LOG.info("run {}: deleted {} object(s) it had written", run.id(), deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("run {}: could not delete what it wrote: {}", run.id(), RunFailures.reason(e));
        }
    }

    /** Interrupts running work; each run ends FAILED (interrupted) before the store closes. */
    @PreDestroy
    void stop() throws InterruptedException {
        pool.shutdownNow();
        if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
            LOG.warn("backup runs did not stop within 20 s; the sweeper of another instance will fail them");
        }
    }
}
