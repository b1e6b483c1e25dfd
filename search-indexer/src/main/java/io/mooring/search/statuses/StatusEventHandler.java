package io.mooring.search.statuses;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.content.AuthorUpdated;
import io.mooring.search.index.IndexBootstrap;
import io.mooring.search.index.ManagedIndex;
import io.mooring.search.indexing.BulkEventHandler;
import io.mooring.search.indexing.BulkIndexer;
import io.mooring.search.indexing.IndexingSettings;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Indexes {@code mooring.content.statuses} in bulk: every status event is written under
 * {@code <source>:<statusId>} with its version as an external version, so an event older than the
 * one indexed is refused (a version conflict, ignored) whatever order they arrive in; a delete
 * writes a tombstone with its version. Favourites, bookmarks and boosts go to the {@code interactions}
 * index the same way. A created or updated status also records its author's opt-in in the
 * {@code authors} index ({@link AuthorUpdate}): one update per author and batch, merged from the batch's events in
 * order, which leaves the author's document as their updates one by one would. An author's own update
 * ({@code author.updated}) is applied to their statuses by {@link AuthorFlags} once the statuses of the events before
 * it in the batch are stored. Other types on the topic are skipped.
 */
@Singleton
public class StatusEventHandler extends BulkEventHandler {
    private static final long AUTHOR_BYTES = 512L;
    private final ManagedIndex index;
    private final ManagedIndex interactions;
    private final ManagedIndex authors;
    private final IndexBootstrap indices;
    private final AuthorFlags authorFlags;
    private final boolean combineAuthorUpdates;

    public StatusEventHandler(@Named(StatusesIndex.NAME) ManagedIndex index,
                              @Named(InteractionsIndex.NAME) ManagedIndex interactions,
                              @Named(AuthorsIndex.NAME) ManagedIndex authors, IndexBootstrap indices,
                              AuthorFlags authorFlags, BulkIndexer indexer, IndexingSettings settings) {
        super(indexer, settings);
        this.index = index;
        this.interactions = interactions;
        this.authors = authors;
        this.indices = indices;
        this.authorFlags = authorFlags;
        this.combineAuthorUpdates = settings.isCombineAuthorUpdates();
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
        long size = 512L + 2L * event.rawData().length;
        Optional<BulkIndexer.Item> status = StatusDocument.of(event)
                .map(document -> versioned(index, document.id(), document.version(), document.body(), size));
        if (status.isPresent()) {
            if (combineAuthorUpdates) {
                return List.of(status.get());
            }
            return AuthorUpdate.of(event)
                    .map(author -> List.of(status.get(), new BulkIndexer.Item(author.operation(authors.alias()), AUTHOR_BYTES)))
                    .orElse(List.of(status.get()));
        }
        return InteractionDocument.of(event)
                .map(document -> List.of(versioned(interactions, document.id(), document.version(), document.body(), size)))
                .orElse(List.of());
    }

    @Override
    protected void applyAfterEarlier(ReceivedEvent event) throws Exception {
        if (event.data().orElse(null) instanceof AuthorUpdated author) {
            authorFlags.apply(event, author);
        }
    }

    /** One author update per author of the batch, merged in event order, with the author's first event. */
    @Override
    protected Map<Integer, List<BulkIndexer.Item>> combinedOperations(SortedMap<Integer, ReceivedEvent> events) {
        if (!combineAuthorUpdates) {
            return Map.of();
        }
        Map<String, Integer> firstOf = new HashMap<>();
        Map<String, AuthorUpdate> merged = new HashMap<>();
        events.forEach((position, event) -> AuthorUpdate.of(event).ifPresent(update -> {
            firstOf.putIfAbsent(update.id(), position);
            merged.merge(update.id(), update, AuthorUpdate::then);
        }));
        Map<Integer, List<BulkIndexer.Item>> operations = new HashMap<>();
        merged.forEach((id, update) -> operations.put(firstOf.get(id),
                List.of(new BulkIndexer.Item(update.operation(authors.alias()), AUTHOR_BYTES))));
        return operations;
    }

    private static BulkIndexer.Item versioned(ManagedIndex target, String id, long version, Map<String, Object> body, long size) {
        return new BulkIndexer.Item(BulkOperation.of(b -> b.index(i -> i
                .index(target.alias())
                .id(id)
                .version(version)
                .versionType(VersionType.External)
                .document(body)
                .requireAlias(true))), size);
    }
}
