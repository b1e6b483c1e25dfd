package io.mooring.chatops.queue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.mooring.chatops.delivery.Delivery;
import io.mooring.chatops.delivery.DeliveryLedger;
import io.mooring.chatops.delivery.LedgerUnavailableException;
import io.mooring.chatops.message.Notification;
import io.mooring.chatops.webhook.PostResult;
import io.mooring.chatops.webhook.WebhookPoster;
import io.mooring.chatops.webhook.ManagedTarget;
import io.mooring.chatops.webhook.WebhookTarget;
import io.mooring.chatops.webhook.WebhookTargets;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.common.utils.ExponentialBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker (a virtual thread) per target drains that target's queue in order, while this relay holds the target's
 * lease: it posts the oldest entry (with the entries of its group, see {@link Grouping}) no faster than the target's
 * rate, and on an answer that is final (2xx or a refusal) logs it and removes it; an unavailable target is asked again
 * with backoff, no sooner than its {@code Retry-After}, until {@code give-up-after} has passed since the entry was
 * queued, when it is logged as failed and removed. A target that is down holds back only its own queue.
 *
 * <p>At least once: an entry being posted when its relay stops or dies is still queued, and is posted again by the
 * next holder of the lease. The workers start with the HTTP server, as the consumers do.
 *
 * <p>The set of targets changes at run time (the API, the targets file): every {@value #RECONCILE_SECONDS} s, and at
 * once after a change made through this relay, it starts a worker for each new target and stops the workers of the
 * deleted ones. Each worker takes its target's current settings (URL, rate, burst, waits) at every step. Queues whose
 * target no relay knows any more (removed from the settings) and that no relay drains are purged, each message logged
 * as {@code purged}, every {@value #ORPHAN_SWEEP_SECONDS} s.
 */
@Singleton
public class TargetWorkers implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(TargetWorkers.class);
    private static final int PEEK = 500;
    private static final Duration IDLE = Duration.ofSeconds(1);
    static final int RECONCILE_SECONDS = 1;
    static final int ORPHAN_SWEEP_SECONDS = 60;
    static final String REMOVED = "target no longer configured";

    private final WebhookTargets targets;
    private final TargetQueues queues;
    private final WebhookPoster poster;
    private final DeliveryLedger ledger;
    private final MeterRegistry meters;
    private final Clock clock;
    private final DeliverySettings settings;
    private final ExponentialBackoff backoff;
    private final Map<String, ManagedTarget> current = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> wakeUps = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lengths = new ConcurrentHashMap<>();
    private final Map<String, Meter> gauges = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final Semaphore changed = new Semaphore(0);
    private Thread reconciler;
    private Instant nextOrphanSweep = Instant.MIN;
    private volatile boolean running = true;

    public TargetWorkers(WebhookTargets targets, TargetQueues queues, WebhookPoster poster, DeliveryLedger ledger,
                         MeterRegistry meters, Clock clock, DeliverySettings settings) {
        this.targets = targets;
        this.queues = queues;
        this.poster = poster;
        this.ledger = ledger;
        this.meters = meters;
        this.clock = clock;
        this.settings = settings;
        long max = Math.max(settings.getBackoffMax().toMillis(), settings.getBackoffInitial().toMillis());
        this.backoff = new ExponentialBackoff(settings.getBackoffInitial().toMillis(), 2, max, 0.2);
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (reconciler != null) {
            return;
        }
        reconciler = Thread.ofVirtual().name("chatops-targets").start(this::reconcileLoop);
    }

    /** Tells the target's worker that something was queued, so it need not wait for its next look. */
    public void wake(String target) {
        Semaphore wakeUp = wakeUps.get(target);
        if (wakeUp != null) {
            wakeUp.release();
        }
    }

    /** Tells the workers that targets were created, changed or deleted: they follow at once. */
    public void targetsChanged() {
        changed.release();
    }

    /**
     * Stops the target's worker on this relay (other relays follow within a second); the worker frees the target's
     * lease as it ends.
     */
    public void stop(String target) {
        current.remove(target);
        Thread thread;
        synchronized (this) {
            thread = threads.remove(target);
            forget(target);
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void reconcileLoop() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                reconcile();
                Instant now = clock.instant();
                if (!now.isBefore(nextOrphanSweep)) {
                    nextOrphanSweep = now.plusSeconds(ORPHAN_SWEEP_SECONDS);
                    sweepOrphans();
                }
            } catch (LedgerUnavailableException e) {
                LOG.warn("targets not looked at now (Redis unavailable): {}", e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("targets: unexpected failure, trying again", e);
            }
            try {
                if (changed.tryAcquire(RECONCILE_SECONDS, TimeUnit.SECONDS)) {
                    changed.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the workers of new targets, stops those of deleted ones, and hands every worker its current settings. */
    synchronized void reconcile() {
        List<ManagedTarget> now = targets.managed();
        Set<String> names = new HashSet<>();
        for (ManagedTarget target : now) {
            names.add(target.name());
            current.put(target.name(), target);
        }
        for (String name : List.copyOf(threads.keySet())) {
            if (!names.contains(name)) {
                current.remove(name);
                Thread thread = threads.remove(name);
                forget(name);
                thread.interrupt();
                LOG.info("target {} deleted: its worker stops", name);
            }
        }
        if (!running) {
            return;
        }
        for (ManagedTarget target : now) {
            String name = target.name();
            if (threads.containsKey(name)) {
                continue;
            }
            wakeUps.put(name, new Semaphore(0));
            AtomicLong length = new AtomicLong();
            lengths.put(name, length);
            gauges.put(name, Gauge.builder("mooring.chatops.queue.length", length, AtomicLong::get).tag("target", name)
                    .description("Messages queued for the target, as last seen by the relay draining it")
                    .register(meters));
            Thread worker = Thread.ofVirtual().name("chatops-queue-" + name).unstarted(() -> new Worker(name).run());
            threads.put(name, worker);
            worker.start();
        }
    }

    private void forget(String name) {
        wakeUps.remove(name);
        lengths.remove(name);
        Meter gauge = gauges.remove(name);
        if (gauge != null) {
            meters.remove(gauge);
        }
    }

    /** Purges the queues of targets no relay knows and none drains, logging every message as {@code purged}. */
    private void sweepOrphans() {
        Set<String> known = new HashSet<>(current.keySet());
        for (String orphan : queues.orphans(known)) {
            long purged = queues.drop(orphan, REMOVED, clock.instant());
            LOG.warn("queue of {}, a target no longer configured, purged: {} message(s) logged as purged", orphan, purged);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        Thread loop;
        synchronized (this) {
            loop = reconciler;
        }
        if (loop != null) {
            loop.interrupt();
            loop.join(Duration.ofSeconds(5));
        }
        threads.values().forEach(Thread::interrupt);
        for (Map.Entry<String, Thread> thread : threads.entrySet()) {
            if (thread.getValue().join(Duration.ofSeconds(5))) {
                try {
                    queues.release(thread.getKey());
                } catch (LedgerUnavailableException e) {
                    LOG.debug("lease of {} left to expire: {}", thread.getKey(), e.getMessage());
                }
            }
        }
    }

    private final class Worker {
        private final String name;
        private final Semaphore wakeUp;
        private ManagedTarget target;
        private TokenBucket bucket;
        private double rate;
        private int burst;
        private String failingId;
        private int attempts;
        private Instant retryAt = Instant.MIN;

        Worker(String name) {
            this.name = name;
            this.wakeUp = wakeUps.get(name);
        }

        void run() {
            try {
                drain();
            } finally {
                if (running) {
                    try {
                        queues.release(name);
                    } catch (RuntimeException e) {
                        LOG.debug("lease of {} left to expire: {}", name, e.getMessage());
                    }
                }
            }
        }

        private void drain() {
            while (running && !Thread.currentThread().isInterrupted() && refresh()) {
                try {
                    Duration wait = step();
                    if (wait.isPositive()) {
                        idle(wait);
                    }
                } catch (LedgerUnavailableException e) {
                    LOG.warn("queue of {} not drained now (Redis unavailable): {}", name, e.getMessage());
                    idle(IDLE);
                } catch (RuntimeException e) {
                    LOG.error("queue of {}: unexpected failure, trying again", name, e);
                    idle(IDLE);
                }
            }
        }

        /** Takes the target's current settings; false once it is deleted (or deleted and created again: a new worker). */
        private boolean refresh() {
            ManagedTarget latest = current.get(name);
            if (latest == null || threads.get(name) != Thread.currentThread()) {
                return false;
            }
            target = latest;
            double newRate = latest.delivery().ratePerSecond(settings);
            int newBurst = latest.delivery().burst(settings);
            if (bucket == null || newRate != rate || newBurst != burst) {
                rate = newRate;
                burst = newBurst;
                bucket = new TokenBucket(rate, burst, System::nanoTime);
            }
            return true;
        }

        /** Does one thing, and answers how long to wait before the next. */
        private Duration step() {
            Duration leaseTtl = settings.getLeaseTtl();
            if (!queues.hold(name, leaseTtl)) {
                return leaseTtl.dividedBy(3);
            }
            List<TargetQueues.Entry> queued = queues.peek(name, PEEK);
            AtomicLong length = lengths.get(name);
            if (length != null) {
                length.set(queued.size() < PEEK ? queued.size() : queues.length(name));
            }
            if (queued.isEmpty()) {
                return IDLE;
            }
            Duration groupWait = target.delivery().groupWait(settings);
            Instant now = clock.instant();
            TargetQueues.Entry first = queued.getFirst();
            if (first.post().group() != null && !groupWait.isZero()) {
                Instant gathered = first.post().queuedAt().plus(groupWait);
                if (now.isBefore(gathered)) {
                    return shorter(Duration.between(now, gathered), leaseTtl.dividedBy(3));
                }
            }
            if (!first.id().equals(failingId)) {
                failingId = null;
                attempts = 0;
            } else if (now.isBefore(retryAt)) {
                return shorter(Duration.between(now, retryAt), leaseTtl.dividedBy(3));
            }
            long tokenWait = bucket.tryTake();
            if (tokenWait > 0) {
                return shorter(Duration.ofNanos(tokenWait), leaseTtl.dividedBy(3));
            }
            List<QueuedPost> posts = Grouping.next(queued.stream().map(TargetQueues.Entry::post).toList(), groupWait);
            List<String> ids = queued.stream().filter(e -> posts.contains(e.post())).map(TargetQueues.Entry::id).toList();
            post(first, posts, ids);
            return Duration.ZERO;
        }

        private void post(TargetQueues.Entry first, List<QueuedPost> posts, List<String> ids) {
            WebhookTarget webhook = target.target();
            Duration giveUpAfter = target.delivery().giveUpAfter(settings);
            String message = Grouping.message(posts);
            PostResult result = poster.post(webhook, first.post().notification(message));
            Instant at = clock.instant();
            meters.counter("mooring.chatops.posts", "target", name,
                    "outcome", result.outcome().name().toLowerCase(Locale.ROOT)).increment();
            boolean givingUp = !result.isFinal() && !at.isBefore(first.post().queuedAt().plus(giveUpAfter));
            for (QueuedPost post : posts) {
                Notification notification = post.notification(message);
                Delivery delivery = givingUp
                        ? new Delivery(post.eventId(), post.type(), name, Delivery.FAILED, result.httpStatus(), at,
                        message, result.error() + "; given up after " + giveUpAfter, false)
                        : Delivery.of(notification, webhook, result, at);
                ledger.record(delivery, result.isFinal() || givingUp);
            }
            switch (result.outcome()) {
                case DELIVERED -> LOG.debug("{} event(s) posted to {}", posts.size(), name);
                case REJECTED -> LOG.warn("{} ({}) refused by {}: {}; not retried", first.post().eventId(),
                        first.post().type(), name, result.error());
                case UNAVAILABLE -> LOG.warn("{} unavailable ({}){}", name, result.error(),
                        givingUp ? ": given up on " + first.post().eventId() : ", trying again later");
            }
            if (result.isFinal() || givingUp) {
                queues.remove(name, ids);
                failingId = null;
                attempts = 0;
                return;
            }
            failingId = first.id();
            long delay = backoff.backoff(attempts++);
            if (result.retryAfter() != null) {
                delay = Math.max(delay, Math.min(result.retryAfter().toMillis(), settings.getBackoffMax().toMillis()));
            }
            retryAt = at.plusMillis(delay);
        }

        private void idle(Duration wait) {
            try {
                if (wakeUp.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
