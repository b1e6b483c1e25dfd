package io.mooring.monitor.schedule;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.mooring.monitor.monitor.MonitorChecks;
import io.mooring.monitor.probe.Check;
import io.mooring.monitor.probe.ProbeResult;
import io.mooring.monitor.probe.ProbeStatus;
import io.mooring.monitor.probe.Prober;
import io.mooring.monitor.state.CheckOutcomes;
import io.mooring.runtime.redis.RedisLeases;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs every due check: one loop claims due monitors from the {@link CheckQueue} (the schedule in Redis) as long as
 * permits for concurrent checks are free, and each check runs on its own virtual thread, so a slow target holds one
 * permit and delays no other check. Each result is appended to the {@link ResultStream} in Redis, which releases its
 * permit: Postgres away does not stop the checks. A second loop, on the one replica holding the writer's lease, writes
 * the stream's results in order, up to {@code result-batch} of them in one transaction ({@link CheckResultWriter}),
 * and deletes them once written; while Postgres is away they wait in Redis, and beyond {@code max-pending-results}
 * waiting no more checks are claimed. Metrics: {@code mooring.monitor.checks} (by outcome),
 * {@code mooring.monitor.check.duration}, {@code mooring.monitor.schedule.lag} (from due to start),
 * {@code mooring.monitor.checks.in.flight}, {@code mooring.monitor.results.pending}.
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
    private final ResultStream results;
    private final BeanProvider<StatefulRedisConnection<String, String>> redis;
    private final RedisLeases leases;
    private volatile RedisLeases.Lease writerLease;
    private final RetryPolicy<Object> untilAppended;
    private volatile long pending;
    private boolean backlogFull;
    private long pendingReadAt = Long.MIN_VALUE;
    private volatile boolean running;
    private Thread loop;
    private Thread writing;

    public CheckScheduler(CheckQueue queue, Prober prober, CheckResultWriter writer, ResultStream results,
                          BeanProvider<StatefulRedisConnection<String, String>> redis, SchedulerSettings settings,
                          Clock clock, MeterRegistry meters) {
        this.results = results;
        this.redis = redis;
        this.leases = new RedisLeases(() -> redis.get().sync(), settings.getRedisPrefix() + "lease:",
                settings.getWriterLeaseTtl());
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
        meters.gauge("mooring.monitor.results.pending", this, scheduler -> scheduler.pending);
        this.untilAppended = RetryPolicy.builder()
                .handle(RuntimeException.class)
                .withBackoff(settings.getTick(), MAX_BACKOFF)
                .withMaxRetries(-1)
                .abortIf((r, failure) -> !running)
                .onRetry(event -> LOG.warn("appending a check result to Redis failed (attempt {}), retrying: {}",
                        event.getAttemptCount(), event.getLastException().toString()))
                .build();
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (!settings.isEnabled() || running) {
            return;
        }
        if (!redis.isPresent()) {
            LOG.error("no checks run: the schedule lives in Redis, and mooring.redis.uri is not set");
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
        // read at most once a tick: a claim loop under load claims many times a tick
        long now = System.nanoTime();
        if (pendingReadAt == Long.MIN_VALUE || now - pendingReadAt >= settings.getTick().toNanos()) {
            pending = results.pending();
            pendingReadAt = now;
        }
        boolean full = pending >= settings.getMaxPendingResults();
        if (full != backlogFull) {
            backlogFull = full;
            if (full) {
                LOG.warn("{} check results wait for Postgres: no more checks are claimed until they are written", pending);
            } else {
                LOG.info("check results written down to {} waiting: checks are claimed again", pending);
            }
        }
        if (full) {
            return 0;
        }
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

    /** Runs the check and appends its result to the stream; its permit is released once it is there. */
    private void runCheck(DueCheck due) {
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
            append(new CheckOutcomes.Checked(due.monitor().id(), result, finished));
        } catch (RuntimeException e) {
            LOG.warn("check of monitor {} failed to run: {}", due.monitor().id(), e.toString());
        }
    }

    /** Appends the result to the stream, waiting while Redis is away (the check's permit held meanwhile). */
    private void append(CheckOutcomes.Checked checked) {
        try {
            Failsafe.with(untilAppended).run(() -> results.append(checked));
        } catch (RuntimeException e) {
            LOG.warn("stopped with the result of monitor {} not appended: {}", checked.monitorId(), e.toString());
        }
    }

    /**
     * On the replica holding the writer's lease: writes the stream's oldest results (those of one monitor one after
     * another, in order) and deletes them once written. While Postgres is away the batch waits and the lease is renewed.
     */
    private void writeResults() {
        Duration renewEvery = settings.getWriterLeaseTtl().dividedBy(3);
        Thread renewing = Thread.ofVirtual().name("check-results-lease").start(() -> renewLease(renewEvery));
        try {
            while (running) {
                try {
                    if (writerLease == null) {
                        writerLease = leases.tryAcquire("results-writer");
                        if (writerLease != null) {
                            LOG.info("writing check results from Redis here");
                        }
                    }
                    List<ResultStream.Entry> entries = writerLease == null ? List.of() : results.oldest(settings.getResultBatch());
                    if (entries.isEmpty()) {
                        TimeUnit.NANOSECONDS.sleep(settings.getTick().toNanos());
                        continue;
                    }
                    for (List<CheckOutcomes.Checked> round : rounds(entries)) {
                        writer.write(round);
                    }
                    results.delete(entries);
                } catch (RuntimeException e) {
                    LOG.warn("reading check results from Redis failed, retrying: {}", e.toString());
                    TimeUnit.MILLISECONDS.sleep(MAX_BACKOFF.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            renewing.interrupt();
            RedisLeases.Lease held = writerLease;
            writerLease = null;
            if (held != null) {
                try {
                    leases.release(held);
                } catch (RuntimeException e) {
                    LOG.debug("releasing the writer's lease failed (it expires): {}", e.toString());
                }
            }
        }
    }

    private void renewLease(Duration every) {
        while (running) {
            try {
                TimeUnit.MILLISECONDS.sleep(every.toMillis());
                RedisLeases.Lease held = writerLease;
                if (held != null && !leases.renew(held)) {
                    LOG.warn("the writer's lease was lost: another replica writes the check results now");
                    writerLease = null;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("renewing the writer's lease failed: {}", e.toString());
            }
        }
    }

    /** The entries' results in rounds of distinct monitors, each monitor's results in stream order. */
    static List<List<CheckOutcomes.Checked>> rounds(List<ResultStream.Entry> entries) {
        List<List<CheckOutcomes.Checked>> rounds = new ArrayList<>();
        Map<UUID, Integer> seen = new HashMap<>();
        for (ResultStream.Entry entry : entries) {
            int round = seen.merge(entry.checked().monitorId(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(entry.checked());
        }
        return rounds;
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
