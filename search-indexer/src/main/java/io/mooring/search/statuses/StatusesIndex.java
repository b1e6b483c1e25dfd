package io.mooring.search.statuses;

import io.micronaut.context.annotation.Factory;
import io.mooring.search.index.ManagedIndex;
import io.mooring.search.index.SearchSettings;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * The {@code statuses} index: one document per status of every source, {@code _id} =
 * {@code <source>:<statusId>}, its version the status's (external versioning). Strict mapping.
 */
@Factory
public class StatusesIndex {
    public static final String NAME = "statuses";
    static final int VERSION = 1;

    @Singleton
    @Named(NAME)
    ManagedIndex statuses(SearchSettings settings) {
        return ManagedIndex.versioned(settings.getIndexPrefix(), NAME, VERSION, mapping());
    }

    static TypeMapping mapping() {
        TypeMapping.Builder m = new TypeMapping.Builder()
                .dynamic(DynamicMapping.Strict)
                .properties("id", p -> p.keyword(k -> k))
                .properties("source", p -> p.keyword(k -> k))
                .properties("statusId", p -> p.keyword(k -> k))
                .properties("version", p -> p.long_(l -> l))
                .properties("deleted", p -> p.boolean_(b -> b))
                .properties("accountId", p -> p.keyword(k -> k))
                .properties("author", p -> p.keyword(k -> k))
                .properties("indexable", p -> p.boolean_(b -> b))
                .properties("visibility", p -> p.keyword(k -> k))
                .properties("language", p -> p.keyword(k -> k))
                .properties("content", p -> p.text(t -> t.index(false)))
                .properties("text", p -> p.text(t -> t.analyzer("standard")))
                .properties("tags", p -> p.keyword(k -> k))
                .properties("mentions", p -> p.keyword(k -> k))
                .properties("createdAt", p -> p.date(d -> d))
                .properties("updatedAt", p -> p.date(d -> d))
                .properties("url", p -> p.keyword(k -> k.index(false)))
                .properties("inReplyToId", p -> p.keyword(k -> k))
                .properties("inReplyToAccountId", p -> p.keyword(k -> k))
                .properties("reblogOfId", p -> p.keyword(k -> k));
        for (String analyzer : StatusLanguages.analyzers()) {
            m.properties("text_" + analyzer, p -> p.text(t -> t.analyzer(analyzer)));
        }
        return m.build();
    }
}
