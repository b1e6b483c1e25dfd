package io.mooring.search.timeline;

import io.micronaut.context.annotation.Factory;
import io.mooring.search.index.TimeSeriesIndex;
import io.mooring.search.index.SearchSettings;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * The {@code ops-events} alias over monthly indices ({@code ops-events-YYYY.MM}, from the index
 * template {@code ops-events}): one document per platform event. {@code data} is kept in
 * {@code _source} but not indexed (event bodies differ by type); {@code text} holds its values for
 * full-text search. Unknown fields are refused, so a document that does not fit fails loudly.
 */
@Factory
class TimelineIndex {
    static final String NAME = "ops-events";

    @Singleton
    @Named(NAME)
    TimeSeriesIndex opsEvents(SearchSettings settings) {
        return new TimeSeriesIndex(settings.getIndexPrefix() + NAME, mapping());
    }

    static TypeMapping mapping() {
        return TypeMapping.of(m -> m
                .dynamic(DynamicMapping.Strict)
                .properties("id", p -> p.keyword(k -> k))
                .properties("type", p -> p.keyword(k -> k))
                .properties("source", p -> p.keyword(k -> k))
                .properties("subject", p -> p.keyword(k -> k))
                .properties("topic", p -> p.keyword(k -> k))
                .properties("time", p -> p.date(d -> d))
                .properties("summary", p -> p.text(t -> t))
                .properties("data", p -> p.object(o -> o.enabled(false)))
                .properties("text", p -> p.text(t -> t))
                .properties("accountId", p -> p.keyword(k -> k)));
    }
}
