package io.mooring.chatops.queue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.mooring.chatops.delivery.Delivery;
import io.mooring.chatops.delivery.DeliveryLedger;
import io.mooring.chatops.delivery.LedgerUnavailableException;
import io.mooring.chatops.message.Notification;
import io.mooring.chatops.webhook.PostResult;
import io.mooring.chatops.webhook.WebhookPoster;
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
import java.util.List;
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
 */
@Singleton
public class TargetWorkers implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(TargetWorkers.class);
    private static final int PEEK = 500;
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final WebhookTargets targets;
    private final TargetQueues queues;
    private final WebhookPoster poster;
    private final DeliveryLedger ledger;
    private final MeterRegistry meters;
    private final Clock clock;
    private final DeliverySettings settings;
    private final ExponentialBackoff backoff;
    private final Map<String, Semaphore> wakeUps = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lengths = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
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
        if (!threads.isEmpty()) {
            return;
        }
        for (WebhookTarget target : targets.all()) {
            wakeUps.put(target.name(), new Semaphore(0));
            AtomicLong length = new AtomicLong();
            lengths.put(target.name(), length);
            Gauge.builder("mooring.chatops.queue.length", length, AtomicLong::get).tag("target", target.name())
                    .description("Messages queued for the target, as last seen by the relay draining it")
                    .register(meters);
            threads.put(target.name(), Thread.ofVirtual().name("chatops-queue-" + target.name())
                    .start(() -> new Worker(target).run()));
        }
    }

    /** Tells the target's worker that something was queued, so it need not wait for its next look. */
    public void wake(String target) {
        Semaphore wakeUp = wakeUps.get(target);
        if (wakeUp != null) {
            wakeUp.release();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
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
        private final WebhookTarget target;
        private final Semaphore wakeUp;
        private final TokenBucket bucket;
        private String failingId;
        private int attempts;
        private Instant retryAt = Instant.MIN;

        Worker(WebhookTarget target) {
            this.target = target;
            this.wakeUp = wakeUps.get(target.name());
            this.bucket = new TokenBucket(settings.getRatePerSecond(), settings.getBurst(), System::nanoTime);
        }

        void run() {
            while (running && !Thread.currentThread().isInterrupted()) {
                try {
                    Duration wait = step();
                    if (wait.isPositive()) {
                        idle(wait);
                    }
                } catch (LedgerUnavailableException e) {
                    LOG.warn("queue of {} not drained now (Redis unavailable): {}", target.name(), e.getMessage());
                    idle(IDLE);
                } catch (RuntimeException e) {
                    LOG.error("queue of {}: unexpected failure, trying again", target.name(), e);
                    idle(IDLE);
                }
            }
        }

        /** Does one thing, and answers how long to wait before the next. */
        private Duration step() {
            Duration leaseTtl = settings.getLeaseTtl();
            if (!queues.hold(target.name(), leaseTtl)) {
                return leaseTtl.dividedBy(3);
            }
            List<TargetQueues.Entry> queued = queues.peek(target.name(), PEEK);
            lengths.get(target.name()).set(queued.size() < PEEK ? queued.size() : queues.length(target.name()));
            if (queued.isEmpty()) {
                return IDLE;
            }
            Instant now = clock.instant();
            TargetQueues.Entry first = queued.getFirst();
            if (first.post().group() != null && !settings.getGroupWait().isZero()) {
                Instant gathered = first.post().queuedAt().plus(settings.getGroupWait());
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
            List<QueuedPost> posts = Grouping.next(queued.stream().map(TargetQueues.Entry::post).toList(),
                    settings.getGroupWait());
            List<String> ids = queued.stream().filter(e -> posts.contains(e.post())).map(TargetQueues.Entry::id).toList();
            post(first, posts, ids);
            return Duration.ZERO;
        }

        private void post(TargetQueues.Entry first, List<QueuedPost> posts, List<String> ids) {
            String message = Grouping.message(posts);
            PostResult result = poster.post(target, first.post().notification(message));
            Instant at = clock.instant();
            meters.counter("mooring.chatops.posts", "target", target.name(),
                    "outcome", result.outcome().name().toLowerCase(Locale.ROOT)).increment();
            boolean givingUp = !result.isFinal()
                    && !at.isBefore(first.post().queuedAt().plus(settings.getGiveUpAfter()));
            for (QueuedPost post : posts) {
                Notification notification = post.notification(message);
                Delivery delivery = givingUp
                        ? new Delivery(post.eventId(), post.type(), target.name(), Delivery.FAILED, result.httpStatus(), at,
                        message, result.error() + "; given up after " + settings.getGiveUpAfter(), false)
                        : Delivery.of(notification, target, result, at);
                ledger.record(delivery, result.isFinal() || givingUp);
            }
            switch (result.outcome()) {
                case DELIVERED -> LOG.debug("{} event(s) posted to {}", posts.size(), target.name());
                case REJECTED -> LOG.warn("{} ({}) refused by {}: {}; not retried", first.post().eventId(),
                        first.post().type(), target.name(), result.error());
                case UNAVAILABLE -> LOG.warn("{} unavailable ({}){}", target.name(), result.error(),
                        givingUp ? ": given up on " + first.post().eventId() : ", trying again later");
            }
            if (result.isFinal() || givingUp) {
                queues.remove(target.name(), ids);
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
