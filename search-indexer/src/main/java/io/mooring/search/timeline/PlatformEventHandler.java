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
 * overwrites itself), in bulk through the indexing engine, in the index of the event's month;
 * events older than the retention are skipped. Posts ({@code mooring.content.*}) are
 * not platform events and never read here.
 */
@Singleton
public class PlatformEventHandler extends BulkEventHandler {
    static final Set<String> TOPICS = Set.of(Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING,
            Topics.CHATOPS_COMMANDS);

    private final TimelineStore store;
    private final IndexBootstrap indices;
    private final TimelineRetention retention;

    public PlatformEventHandler(TimelineStore store, IndexBootstrap indices, TimelineRetention retention,
                                BulkIndexer indexer, IndexingSettings settings) {
        super(indexer, settings);
        this.store = store;
        this.indices = indices;
        this.retention = retention;
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

    /** Events older than the retention are not indexed: their month's index is gone, or about to go. */
    private boolean indexable(ReceivedEvent event) {
        int year = event.time().getYear();
        return year >= 1970 && year <= 9999 && retention.retained(event.time().toInstant());
    }

    @Override
    protected void prepare(List<ReceivedEvent> events) throws Exception {
        store.prepareMonths(events.stream().filter(this::indexable).map(e -> e.time().toInstant()).toList());
    }

    @Override
    protected List<BulkIndexer.Item> operations(ReceivedEvent event) {
        if (event.time().getYear() < 1970 || event.time().getYear() > 9999) {
            throw new IllegalArgumentException("event time " + event.time() + " is outside the years 1970 to 9999");
        }
        if (!indexable(event)) {
            return List.of();
        }
        TimelineEntry entry = TimelineEntry.of(event);
        return List.of(new BulkIndexer.Item(store.operation(entry), 512L + 2L * event.rawData().length));
    }
}
