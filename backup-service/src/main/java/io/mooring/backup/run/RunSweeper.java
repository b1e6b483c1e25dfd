package io.mooring.backup.run;

import io.micronaut.scheduling.annotation.Scheduled;
import io.mooring.backup.artifact.OpenUploads;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Fails the runs and restores that a dead instance left RUNNING (no heartbeat for {@code mooring.backup.stale-after}),
 * with their events, and removes what such a run had uploaded (objects and open multipart uploads under its own
 * prefix); then {@link OpenUploads} aborts any upload older than the longest run could be. The policy's schedule then retries the slot (see
 * {@link BackupScheduler}).
 */
@Singleton
class RunSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(RunSweeper.class);

    private final BackupRuns runs;
    private final Restores restores;
    private final RunExecutor executor;
    private final OpenUploads openUploads;
    private final RunSettings settings;
    private final Clock clock;

    RunSweeper(BackupRuns runs, Restores restores, RunExecutor executor, OpenUploads openUploads, RunSettings settings,
               Clock clock) {
        this.openUploads = openUploads;
        this.runs = runs;
        this.restores = restores;
        this.executor = executor;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${mooring.backup.sweep-interval:1m}", initialDelay = "${mooring.backup.sweep-initial-delay:5s}")
    void sweep() {
        Instant before = clock.instant().minus(settings.getStaleAfter());
        try {
            List<BackupRun> failed = runs.failStale(before);
            for (BackupRun run : failed) {
                LOG.warn("run {} of policy {} failed: {}", run.id(), run.policyId(), run.reason());
                executor.removeWritten(run);
            }
            restores.failStale(before);
        } catch (RuntimeException e) {
            LOG.warn("sweeping dead runs failed: {}", RunFailures.reason(e));
        }
        // uploads no run can still be writing: older than the longest run plus the time to notice its death
        try {
            openUploads.abortStartedBefore(clock.instant().minus(settings.getRunTimeout().plus(settings.getStaleAfter())));
        } catch (RuntimeException e) {
            LOG.warn("sweeping stale uploads failed: {}", RunFailures.reason(e));
        }
    }
}
