package io.mooring.monitor.schedule;

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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs every due check: one loop claims due monitors from the {@link CheckQueue} as long as
 * permits for concurrent checks are free, and each check runs on its own virtual thread, so a slow
 * target holds one permit and delays no other check. Metrics: {@code mooring.monitor.checks}
 * (by outcome), {@code mooring.monitor.check.duration}, {@code mooring.monitor.schedule.lag}
 * (from due to start), {@code mooring.monitor.checks.in.flight}.
 */
@Singleton
public class CheckScheduler implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(CheckScheduler.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final CheckQueue queue;
    private final Prober prober;
    private final CheckOutcomes outcomes;
    private final SchedulerSettings settings;
    private final Clock clock;
    private final Semaphore permits;
    private final ExecutorService checks = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("check-", 0).factory());
    private final Timer lag;
    private final Timer duration;
    private final Map<ProbeStatus, Counter> counted = new EnumMap<>(ProbeStatus.class);
    private volatile boolean running;
    private Thread loop;

    public CheckScheduler(CheckQueue queue, Prober prober, CheckOutcomes outcomes, SchedulerSettings settings, Clock clock,
                          MeterRegistry meters) {
        this.queue = queue;
        this.prober = prober;
        this.outcomes = outcomes;
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
        LOG.info("check scheduler started: at most {} checks at once", settings.getMaxConcurrentChecks());
    }

    private void run() {
        Duration backoff = settings.getTick();
        while (running) {
            try {
                int claimed = claimAndStart();
                backoff = settings.getTick();
                if (claimed == 0) {
                    TimeUnit.NANOSECONDS.sleep(settings.getTick().toNanos());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the store is away: checks resume where the schedule stands when it is back
                LOG.warn("claiming due checks failed, retrying in {}: {}", backoff, e.toString());
                try {
                    TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
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
                try {
                    runCheck(check);
                } finally {
                    permits.release();
                }
            });
        }
        return due.size();
    }

    private void runCheck(DueCheck due) {
        Instant started = clock.instant();
        lag.record(Duration.between(due.dueAt(), started).isNegative() ? Duration.ZERO : Duration.between(due.dueAt(), started));
        try {
            Check check = MonitorChecks.checkOf(due.monitor().kind(), due.monitor().target(), due.monitor().settings());
            ProbeResult result = prober.check(check, Duration.ofSeconds(due.monitor().timeoutSeconds()));
            duration.record(result.latency());
            counted.get(result.status()).increment();
            Instant finished = clock.instant();
            LOG.debug("monitor {} due {} checked at {}: {} {}", due.monitor().id(), due.dueAt(), finished, result.status(),
                    result.reason());
            outcomes.record(due.monitor().id(), result, finished);
        } catch (RuntimeException e) {
            LOG.warn("check of monitor {} failed to run or be recorded: {}", due.monitor().id(), e.toString());
        }
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        checks.shutdownNow();
    }
}
