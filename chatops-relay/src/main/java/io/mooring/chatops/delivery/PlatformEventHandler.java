package io.mooring.chatops.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.chatops.ChatopsSettings;
import io.mooring.chatops.message.MessageRenderer;
import io.mooring.chatops.message.Notification;
import io.mooring.chatops.webhook.PostResult;
import io.mooring.chatops.webhook.WebhookPoster;
import io.mooring.chatops.webhook.WebhookTarget;
import io.mooring.chatops.webhook.WebhookTargets;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.runtime.consumer.EventHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posts every platform event it has a message for to each target that wants it, once per
 * (event, target). A target that refuses a post (4xx) gets it logged as failed and is not asked
 * again; a target that is unavailable makes the whole event retry later, skipping the targets
 * that already have it, no sooner than the longest {@code Retry-After} a target asked for (up to
 * {@code mooring.consumer.backoff-max}). Delivery is at least once: a crash between a post and its
 * mark in Redis posts that event to that target again.
 *
 * <p>A target gets the events that happen from when the relay first saw it (kept in Redis), not the
 * history before, unless {@code mooring.chatops.replay-history} is set.
 */
@Singleton
public class PlatformEventHandler implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformEventHandler.class);

    private final MessageRenderer renderer;
    private final WebhookTargets targets;
    private final WebhookPoster poster;
    private final DeliveryLedger ledger;
    private final MeterRegistry meters;
    private final Clock clock;
    private final boolean replayHistory;
    private final Instant startedAt;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

    public PlatformEventHandler(MessageRenderer renderer, WebhookTargets targets, WebhookPoster poster, DeliveryLedger ledger,
                                MeterRegistry meters, Clock clock, ChatopsSettings settings) {
        this.renderer = renderer;
        this.targets = targets;
        this.poster = poster;
        this.ledger = ledger;
        this.meters = meters;
        this.clock = clock;
        this.replayHistory = settings.isReplayHistory();
        this.startedAt = clock.instant();
    }

    @Override
    public String name() {
        return "notifier";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING);
    }

    @Override
    public void handle(ReceivedEvent event) throws TargetsUnavailableException {
        Optional<String> message = event.data().flatMap(renderer::render);
        if (message.isEmpty()) {
            LOG.debug("no message for {} ({}), not posted", event.id(), event.type());
            return;
        }
        Notification notification = Notification.of(event, message.get());
        List<String> unavailable = new ArrayList<>();
        Duration retryAfter = null;
        for (WebhookTarget target : targets.accepting(event.type())) {
            if (!replayHistory && happenedBefore(event, firstSeen(target))) {
                LOG.debug("{} ({}) happened before {} was added, not posted", event.id(), event.type(), target.name());
                continue;
            }
            if (ledger.isSettled(event.id(), target.name())) {
                continue;
            }
            PostResult result = poster.post(target, notification);
            ledger.record(Delivery.of(notification, target, result, clock.instant()), result.isFinal());
            meters.counter("mooring.chatops.posts", "target", target.name(),
                    "outcome", result.outcome().name().toLowerCase(Locale.ROOT)).increment();
            switch (result.outcome()) {
                case DELIVERED -> LOG.debug("{} ({}) posted to {}", event.id(), event.type(), target.name());
                case REJECTED -> LOG.warn("{} ({}) refused by {}: {}; not retried", event.id(), event.type(),
                        target.name(), result.error());
                case UNAVAILABLE -> unavailable.add(target.name() + " (" + result.error() + ")");
            }
            if (result.retryAfter() != null && (retryAfter == null || result.retryAfter().compareTo(retryAfter) > 0)) {
                retryAfter = result.retryAfter();
            }
        }
        if (!unavailable.isEmpty()) {
            throw new TargetsUnavailableException(unavailable, retryAfter);
        }
    }

    /** When the relay first saw the target; a target seen first by this process counts from its start. */
    private Instant firstSeen(WebhookTarget target) {
        Instant known = firstSeen.get(target.name());
        if (known == null) {
            known = ledger.firstSeen(target.name(), startedAt);
            firstSeen.put(target.name(), known);
        }
        return known;
    }

    static boolean happenedBefore(ReceivedEvent event, Instant since) {
        return event.time() != null && event.time().toInstant().isBefore(since);
    }
}
