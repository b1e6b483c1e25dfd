package io.mooring.search.timeline;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.runtime.consumer.EventHandler;
import io.mooring.runtime.consumer.PermanentEventFailure;
import io.mooring.search.index.IndexBootstrap;
import io.mooring.search.opensearch.OpenSearchFailures;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Indexes every platform event, known type or not, under its CloudEvents id: a redelivered event
 * overwrites itself. OpenSearch being away fails the event transiently (it is retried, nothing is
 * dropped); an event OpenSearch refuses as malformed is dead-lettered.
 */
@Singleton
public class TimelineHandler implements EventHandler {
    static final Set<String> TOPICS = Set.of(Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING,
            Topics.CHATOPS_COMMANDS);

    private final TimelineStore store;
    private final IndexBootstrap indices;

    public TimelineHandler(TimelineStore store, IndexBootstrap indices) {
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
            throw new IllegalStateException("the timeline index is not set up yet");
        }
        TimelineEntry entry;
        try {
            entry = TimelineEntry.of(event);
        } catch (RuntimeException e) {
            // rendering is deterministic: retrying would fail the same way forever
            throw new PermanentEventFailure("cannot make a timeline entry of event " + event.id() + ": " + e, e);
        }
        try {
            store.put(entry);
        } catch (Exception e) {
            if (OpenSearchFailures.isPermanent(e)) {
                throw new PermanentEventFailure("OpenSearch refused event " + event.id() + ": "
                        + OpenSearchFailures.describe(e), e);
            }
            throw e;
        }
    }
}
