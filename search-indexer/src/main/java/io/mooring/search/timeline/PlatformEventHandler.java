package io.mooring.search.timeline;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.runtime.consumer.EventHandler;
import io.mooring.runtime.consumer.PermanentEventFailure;
import io.mooring.runtime.consumer.TransientEventFailure;
import io.mooring.search.index.IndexBootstrap;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Indexes every platform event, known type or not, under its CloudEvents id: a redelivered event
 * overwrites itself. OpenSearch's failures are classified by {@code OpenSearchFailureClassifier}
 * (away, 429 or 5xx: retried; a malformed request: dead-lettered).
 */
@Singleton
public class PlatformEventHandler implements EventHandler {
    static final Set<String> TOPICS = Set.of(Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING,
            Topics.CHATOPS_COMMANDS);

    private final TimelineStore store;
    private final IndexBootstrap indices;

    public PlatformEventHandler(TimelineStore store, IndexBootstrap indices) {
        this.store = store;
        this.indices = indices;
    }

    @Override
    public String name() {
        return "timeline";
    }

    @Override
    public Set<String> topics() {
        return TOPICS;
    }

    @Override
    public void handle(ReceivedEvent event) throws Exception {
        if (!indices.allReady()) {
            throw new TransientEventFailure("the timeline index is not set up yet");
        }
        TimelineEntry entry;
        try {
            entry = TimelineEntry.of(event);
        } catch (RuntimeException e) {
            // rendering is deterministic: retrying would fail the same way forever
            throw new PermanentEventFailure("cannot make a timeline entry of event " + event.id() + ": " + e, e);
        }
        store.put(entry);
    }
}
