package io.mooring.search.statuses;

import io.micronaut.context.annotation.Factory;
import io.mooring.search.index.ManagedIndex;
import io.mooring.search.index.SearchSettings;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * The {@code authors} index: one document per author ({@code <source>:<accountId>}) with the
 * {@code indexable} flag of its latest status event ({@code time}, epoch milliseconds) and whether any
 * of its statuses was indexed as opted in ({@code seenIndexable}). An author whose latest flag is
 * false but who was seen opted in has opted out: the status search hides all its statuses from
 * others, old ones included. {@code authorVersion} is the version of the latest {@code author.updated}
 * recorded ({@link AuthorOptIns}). Strict mapping.
 */
@Factory
class AuthorsIndex {
    static final String NAME = "authors";
    static final int VERSION = 1;

    @Singleton
    @Named(NAME)
    ManagedIndex authors(SearchSettings settings) {
        return ManagedIndex.versioned(settings.getIndexPrefix(), NAME, VERSION, mapping());
    }

    static TypeMapping mapping() {
        return new TypeMapping.Builder()
                .dynamic(DynamicMapping.Strict)
                .properties("id", p -> p.keyword(k -> k))
                .properties("source", p -> p.keyword(k -> k))
                .properties("accountId", p -> p.keyword(k -> k))
                .properties("indexable", p -> p.boolean_(b -> b))
                .properties("seenIndexable", p -> p.boolean_(b -> b))
                .properties("time", p -> p.long_(l -> l))
                .properties("authorVersion", p -> p.long_(l -> l))
                .build();
    }
}
