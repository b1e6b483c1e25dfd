package io.mooring.search.index;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * The {@code search-operations} index: one document per reindex operation, its latest phase and
 * progress, so that every replica answers for it and a restart does not forget it. Strict mapping.
 */
@Factory
class OperationsIndex {
    static final String NAME = "search-operations";
    static final int VERSION = 1;

    @Singleton
    @Named(NAME)
    ManagedIndex operations(SearchSettings settings) {
        return ManagedIndex.versioned(settings.getIndexPrefix(), NAME, VERSION, mapping());
    }

    static TypeMapping mapping() {
        return new TypeMapping.Builder()
                .dynamic(DynamicMapping.Strict)
                .properties("id", p -> p.keyword(k -> k))
                .properties("index", p -> p.keyword(k -> k))
                .properties("phase", p -> p.keyword(k -> k))
                .properties("oldIndex", p -> p.keyword(k -> k))
                .properties("newIndex", p -> p.keyword(k -> k))
                .properties("total", p -> p.long_(l -> l))
                .properties("copied", p -> p.long_(l -> l))
                .properties("skipped", p -> p.long_(l -> l))
                .properties("startedAt", p -> p.date(d -> d))
                .properties("swappedAt", p -> p.date(d -> d))
                .properties("finishedAt", p -> p.date(d -> d))
                .properties("updatedAt", p -> p.date(d -> d))
                .properties("error", p -> p.text(t -> t.index(false)))
                .build();
    }
}
