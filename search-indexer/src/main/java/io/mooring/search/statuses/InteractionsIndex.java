package io.mooring.search.statuses;

import io.micronaut.context.annotation.Factory;
import io.mooring.search.index.ManagedIndex;
import io.mooring.search.index.SearchSettings;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * The {@code interactions} index: one document per account, kind and status
 * ({@code <source>:<accountId>:<kind>:<statusId>}), {@code active} while the favourite, bookmark or
 * boost stands; its version the events' (external versioning). Read by the status search to let an
 * account find what it interacted with. Strict mapping.
 */
@Factory
class InteractionsIndex {
    static final String NAME = "interactions";
    static final int VERSION = 1;

    @Singleton
    @Named(NAME)
    ManagedIndex interactions(SearchSettings settings) {
        return ManagedIndex.versioned(settings.getIndexPrefix(), NAME, VERSION, mapping());
    }

    static TypeMapping mapping() {
        return new TypeMapping.Builder()
                .dynamic(DynamicMapping.Strict)
                .properties("id", p -> p.keyword(k -> k))
                .properties("source", p -> p.keyword(k -> k))
                .properties("accountId", p -> p.keyword(k -> k))
                .properties("statusId", p -> p.keyword(k -> k))
                .properties("kind", p -> p.keyword(k -> k))
                .properties("active", p -> p.boolean_(b -> b))
                .properties("version", p -> p.long_(l -> l))
                .properties("updatedAt", p -> p.date(d -> d))
                .build();
    }
}
