package io.mooring.chatops.delivery;

import io.mooring.chatops.ChatopsSettings;
import io.mooring.chatops.message.MessageRenderer;
import io.mooring.chatops.message.Naming;
import io.mooring.chatops.message.Notification;
import io.mooring.chatops.queue.Grouping;
import io.mooring.chatops.queue.QueuedPost;
import io.mooring.chatops.queue.TargetQueues;
import io.mooring.chatops.queue.TargetWorkers;
import io.mooring.chatops.webhook.ManagedTarget;
import io.mooring.chatops.route.Routes;
import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.runtime.consumer.EventHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders every platform event it has a message for and queues it for each target that wants it (its routes, or
 * the target's {@code event-types} while there is no route), once per
 * (event, target) (see {@link TargetQueues}); the offset advances once the message is queued in Redis. Each target's
 * queue is posted from by its own worker ({@link TargetWorkers}), so a target that is down holds back only its own
 * messages. Redis being unavailable retries the event.
 *
 * <p>A target gets the events that happen from when the relay first saw it (kept in Redis), not the
 * history before, unless {@code mooring.chatops.replay-history} is set.
 */
@Singleton
public class PlatformEventHandler implements EventHandler {
    /** The topics whose events are posted to targets. */
    public static final Set<String> TOPICS = Set.of(Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING);
    private static final Logger LOG = LoggerFactory.getLogger(PlatformEventHandler.class);

    private final MessageRenderer renderer;
    private final Naming naming;
    private final Routes routes;
    private final TargetQueues queues;
    private final TargetWorkers workers;
    private final DeliveryLedger ledger;
    private final Clock clock;
    private final boolean replayHistory;
    private final Instant startedAt;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

    public PlatformEventHandler(MessageRenderer renderer, Naming naming, Routes routes, TargetQueues queues,
                                TargetWorkers workers, DeliveryLedger ledger, Clock clock, ChatopsSettings settings) {
        this.renderer = renderer;
        this.naming = naming;
        this.routes = routes;
        this.queues = queues;
        this.workers = workers;
        this.ledger = ledger;
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
        return TOPICS;
    }

    @Override
    public void handle(ReceivedEvent event) {
        Optional<MooringEvent> data = event.data();
        Optional<String> message = data.flatMap(renderer::render).map(naming::named);
        if (message.isEmpty()) {
            LOG.debug("no message for {} ({}), not posted", event.id(), event.type());
            return;
        }
        QueuedPost post = QueuedPost.of(Notification.of(event, message.get()), clock.instant(),
                Grouping.groupOf(data.get(), message.get(), naming).orElse(null));
        for (ManagedTarget target : routes.targetsFor(event)) {
            if (!replayHistory && happenedBefore(event, firstSeen(target))) {
                LOG.debug("{} ({}) happened before {} was added, not posted", event.id(), event.type(), target.name());
                continue;
            }
            if (queues.enqueue(target, post)) {
                workers.wake(target.name());
            } else {
                LOG.debug("{} ({}) already queued for {}", event.id(), event.type(), target.name());
            }
        }
    }

    /**
     * When the relay first saw the target; a target of the settings seen first by this process counts from its start,
     * one created by the API or the targets file from its creation.
     */
    private Instant firstSeen(ManagedTarget target) {
        Instant known = firstSeen.get(target.name());
        if (known == null) {
            known = ledger.firstSeen(target.name(), target.createdAt() == null ? startedAt : target.createdAt());
            firstSeen.put(target.name(), known);
        }
        return known;
    }

    static boolean happenedBefore(ReceivedEvent event, Instant since) {
        return event.time() != null && event.time().toInstant().isBefore(since);
    }
}
