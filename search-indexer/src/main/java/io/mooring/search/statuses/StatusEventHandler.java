package io.mooring.search.statuses;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.search.index.IndexBootstrap;
import io.mooring.search.index.ManagedIndex;
import io.mooring.search.indexing.BulkEventHandler;
import io.mooring.search.indexing.BulkIndexer;
import io.mooring.search.indexing.IndexingSettings;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

import java.util.List;
import java.util.Set;

/**
 * Indexes {@code mooring.content.statuses} in bulk: every status event is written under
 * {@code <source>:<statusId>} with its version as an external version, so an event older than the
 * one indexed is refused (a version conflict, ignored) whatever order they arrive in; a delete
 * writes a tombstone with its version. Other types on the topic are skipped.
 */
@Singleton
public class StatusEventHandler extends BulkEventHandler {
    private final ManagedIndex index;
    private final IndexBootstrap indices;

    public StatusEventHandler(@Named(StatusesIndex.NAME) ManagedIndex index, IndexBootstrap indices, BulkIndexer indexer,
                              IndexingSettings settings) {
        super(indexer, settings);
        this.index = index;
        this.indices = indices;
    }

    @Override
    public String name() {
        return "statuses";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CONTENT_STATUSES);
    }

    @Override
    protected boolean ready() {
        return indices.allReady();
    }

    @Override
    protected List<BulkIndexer.Item> operations(ReceivedEvent event) {
        return StatusDocument.of(event).map(document -> List.of(new BulkIndexer.Item(BulkOperation.of(b -> b.index(i -> i
                .index(index.alias())
                .id(document.id())
                .version(document.version())
                .versionType(VersionType.External)
                .document(document.body())
                .requireAlias(true))), 512L + 2L * event.rawData().length))).orElse(List.of());
    }
}
