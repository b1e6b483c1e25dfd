package io.mooring.monitor.schedule;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.mooring.monitor.monitor.MonitorChecks;
import io.mooring.monitor.probe.Check;
import io.mooring.monitor.probe.ProbeResult;
import io.mooring.monitor.probe.ProbeStatus;
import io.mooring.monitor.probe.Prober;
import io.mooring.monitor.state.CheckOutcomes;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs every due check: one loop claims due monitors from the {@link CheckQueue} as long as
 * permits for concurrent checks are free, and each check runs on its own virtual thread, so a slow
 * target holds one permit and delays no other check. A second loop writes the results, up to
 * {@code result-batch} of them in one transaction ({@link CheckResultWriter}); a check's permit is
 * released once its result is written, so a store that falls behind (or is away: the writer waits for it) slows the
 * claims, and memory holds no more results than permits. Metrics: {@code mooring.monitor.checks}
 * (by outcome), {@code mooring.monitor.check.duration}, {@code mooring.monitor.schedule.lag}
 * (from due to start), {@code mooring.monitor.checks.in.flight}.
 */
@Singleton
public class CheckScheduler implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(CheckScheduler.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final CheckQueue queue;
    private final Prober prober;
    private final CheckResultWriter writer;
    private final SchedulerSettings settings;
    private final Clock clock;
    private final Semaphore permits;
    private final ExecutorService checks = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("check-", 0).factory());
    private final Timer lag;
    private final Timer duration;
    private final Map<ProbeStatus, Counter> counted = new EnumMap<>(ProbeStatus.class);
    private final BlockingQueue<CheckOutcomes.Checked> results = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread loop;
    private Thread writing;

    public CheckScheduler(CheckQueue queue, Prober prober, CheckResultWriter writer, SchedulerSettings settings, Clock clock,
                          MeterRegistry meters) {
        this.queue = queue;
        this.prober = prober;
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
        this.permits = new Semaphore(settings.getMaxConcurrentChecks());
        this.lag = Timer.builder("mooring.monitor.schedule.lag").description("From when a check was due to when it started")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.duration = Timer.builder("mooring.monitor.check.duration").description("How long checks took")
                .publishPercentiles(0.5, 0.99).register(meters);
        for (ProbeStatus status : ProbeStatus.values()) {
            counted.put(status, Counter.builder("mooring.monitor.checks").description("Checks run, by outcome")
                    .tag("outcome", status.name().toLowerCase(java.util.Locale.ROOT)).register(meters));
        }
        meters.gauge("mooring.monitor.checks.in.flight", permits,
                p -> settings.getMaxConcurrentChecks() - p.availablePermits());
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (!settings.isEnabled() || running) {
            return;
        }
        running = true;
        loop = Thread.ofPlatform().name("check-scheduler").daemon().start(this::run);
        writing = Thread.ofPlatform().name("check-results").daemon().start(this::writeResults);
        LOG.info("check scheduler started: at most {} checks at once", settings.getMaxConcurrentChecks());
    }

    private void run() {
        // the store is away: checks resume where the schedule stands when it is back
        Duration longest = MAX_BACKOFF.compareTo(settings.getTick()) > 0 ? MAX_BACKOFF : settings.getTick().multipliedBy(2);
        RetryPolicy<Integer> untilClaimed = RetryPolicy.<Integer>builder()
                .handle(RuntimeException.class)
                .withBackoff(settings.getTick(), longest)
                .withMaxRetries(-1)
                .abortIf((claimed, failure) -> !running)
                .onRetry(event -> LOG.warn("claiming due checks failed (attempt {}), retrying: {}", event.getAttemptCount(),
                        event.getLastException().toString()))
                .build();
        while (running) {
            try {
                int claimed = Failsafe.with(untilClaimed).get(this::claimAndStart);
                if (claimed == 0) {
                    TimeUnit.NANOSECONDS.sleep(settings.getTick().toNanos());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (FailsafeException e) {
                // interrupted while claiming or waiting to retry: the scheduler stops
                return;
            } catch (RuntimeException e) {
                // stopped while the store was away (the retries were aborted)
                return;
            }
        }
    }

    /** Claims as many due checks as permits are free (at least one, waiting for it) and starts them. */
    private int claimAndStart() throws InterruptedException {
        permits.acquire();
        int free = 1 + permits.drainPermits();
        List<DueCheck> due;
        try {
            due = queue.claim(clock.instant(), Math.min(free, settings.getClaimBatch()));
        } catch (RuntimeException e) {
            permits.release(free);
            throw e;
        }
        permits.release(free - due.size());
        for (DueCheck check : due) {
            checks.execute(() -> {
                boolean queued = false;
                try {
                    queued = runCheck(check);
                } finally {
                    if (!queued) {
                        permits.release();
                    }
                }
            });
        }
        return due.size();
    }

    /** Runs the check and queues its result for the writer; false when there is no result to write. */
    private boolean runCheck(DueCheck due) {
        Instant started = clock.instant();
        lag.record(Duration.between(due.dueAt(), started).isNegative() ? Duration.ZERO : Duration.between(due.dueAt(), started));
        try {
            Check check = MonitorChecks.checkOf(due.monitor().kind(), due.monitor().target(), due.monitor().settings());
            ProbeResult result = prober.check(check, Duration.ofSeconds(due.monitor().timeoutSeconds()));
            duration.record(result.latency());
            counted.get(result.status()).increment();
            // to the microsecond, as Postgres keeps it: a retried write knows the result by its time
            Instant finished = clock.instant().truncatedTo(ChronoUnit.MICROS);
            LOG.debug("monitor {} due {} checked at {}: {} {}", due.monitor().id(), due.dueAt(), finished, result.status(),
                    result.reason());
            results.add(new CheckOutcomes.Checked(due.monitor().id(), result, finished));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("check of monitor {} failed to run: {}", due.monitor().id(), e.toString());
            return false;
        }
    }

    /**
     * Writes queued results in batches (a second result of a monitor waits for the next batch), releasing their permits
     * once written: while the store is away the batch waits, its permits held, so no more checks are claimed than permits.
     */
    private void writeResults() {
        List<CheckOutcomes.Checked> later = new ArrayList<>();
        while (running) {
            List<CheckOutcomes.Checked> batch = new ArrayList<>();
            try {
                List<CheckOutcomes.Checked> candidates = new ArrayList<>(later);
                later.clear();
                if (candidates.isEmpty()) {
                    candidates.add(results.take());
                }
                results.drainTo(candidates, Math.max(0, settings.getResultBatch() - candidates.size()));
                Set<UUID> monitors = new HashSet<>();
                for (CheckOutcomes.Checked one : candidates) {
                    (monitors.add(one.monitorId()) ? batch : later).add(one);
                }
                writer.write(batch);
            } catch (InterruptedException e) {
                if (!batch.isEmpty() || !later.isEmpty() || !results.isEmpty()) {
                    LOG.warn("stopped with {} check results not written", batch.size() + later.size() + results.size());
                }
                Thread.currentThread().interrupt();
                return;
            } finally {
                permits.release(batch.size());
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        if (writing != null) {
            writing.interrupt();
        }
        checks.shutdownNow();
    }
}
