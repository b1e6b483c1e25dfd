package io.mooring.search.timeline;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.search.index.IndexBootstrap;
import io.mooring.search.indexing.BulkEventHandler;
import io.mooring.search.indexing.BulkIndexer;
import io.mooring.search.indexing.IndexingSettings;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/**
 * Indexes every platform event, known type or not, under its CloudEvents id (a redelivered event
 * overwrites itself), in bulk through the indexing engine. Posts ({@code mooring.content.*}) are
 * not platform events and never read here.
 */
@Singleton
public class PlatformEventHandler extends BulkEventHandler {
    static final Set<String> TOPICS = Set.of(Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING,
            Topics.CHATOPS_COMMANDS);

    private final TimelineStore store;
    private final IndexBootstrap indices;

    public PlatformEventHandler(TimelineStore store, IndexBootstrap indices, BulkIndexer indexer, IndexingSettings settings) {
        super(indexer, settings);
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
    protected boolean ready() {
        return indices.allReady();
    }

    @Override
    protected List<BulkIndexer.Item> operations(ReceivedEvent event) {
        TimelineEntry entry = TimelineEntry.of(event);
        return List.of(new BulkIndexer.Item(store.operation(entry), 512L + 2L * event.rawData().length));
    }
}
