package io.mooring.search.timeline;

import io.mooring.search.index.IndexBootstrap;
import io.mooring.search.index.TimeSeriesIndex;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The timeline in OpenSearch: written to monthly indices, read through the {@code ops-events} alias.
 * Writes are not refreshed: searches, reads by id included, see them within the index refresh interval. Failures are
 * left to {@link io.mooring.search.opensearch.OpenSearchFailures} to classify.
 */
@Singleton
public class TimelineStore {
    private final OpenSearchClient client;
    private final TimeSeriesIndex index;
    private final IndexBootstrap bootstrap;
    private final Set<String> months = ConcurrentHashMap.newKeySet();

    public TimelineStore(OpenSearchClient client, @Named(TimelineIndex.NAME) TimeSeriesIndex index, IndexBootstrap bootstrap) {
        this.client = client;
        this.index = index;
        this.bootstrap = bootstrap;
    }

    /** Creates the month's index for each of these times, unless this process did already. */
    public void prepareMonths(Collection<Instant> times) throws IOException {
        for (String month : times.stream().map(index::indexFor).distinct().toList()) {
            if (!months.contains(month)) {
                bootstrap.createMonth(month);
                months.add(month);
            }
        }
    }

    /** Forgets a month's index deleted by retention. */
    void forgetMonth(String month) {
        months.remove(month);
    }

    /**
     * Writes the entry under its event id in the index of its month: writing the same event again
     * replaces it (its time, so its month, is part of the event).
     */
    public BulkOperation operation(TimelineEntry entry) {
        return BulkOperation.of(b -> b.index(i -> i
                .index(index.indexFor(entry.time()))
                .id(entry.id())
                .document(entry)));
    }

    /** The entry with this id, once searchable (the alias spans several indices: no real-time get). */
    public Optional<TimelineEntry> find(String id) throws IOException {
        SearchResponse<TimelineEntry> response = client.search(s -> s.index(index.alias()).size(1)
                .query(q -> q.ids(i -> i.values(id))), TimelineEntry.class);
        return response.hits().hits().stream().findFirst().map(Hit::source);
    }

    public TimelinePage search(TimelineQuery query) throws IOException {
        SearchResponse<TimelineEntry> response = client.search(s -> {
            s.index(index.alias())
                    .size(query.size() + 1)
                    .trackTotalHits(t -> t.enabled(false))
                    .query(q -> q.bool(b -> filter(b, query)))
                    .sort(o -> o.field(f -> f.field("time").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Desc)));
            if (query.after() != null) {
                s.searchAfter(FieldValue.of(query.after().timeMillis()), FieldValue.of(query.after().id()));
            }
            return s;
        }, TimelineEntry.class);
        List<Hit<TimelineEntry>> hits = response.hits().hits();
        List<TimelineItem> items = hits.stream().limit(query.size()).map(hit -> TimelineItem.of(hit.source())).toList();
        String next = hits.size() > query.size() ? cursorOf(hits.get(query.size() - 1)).encode() : null;
        return new TimelinePage(items, next);
    }

    private static BoolQuery.Builder filter(BoolQuery.Builder bool, TimelineQuery query) {
        if (query.text() != null) {
            bool.must(m -> m.simpleQueryString(q -> q
                    .query(query.text())
                    .fields("summary", "text", "subject")
                    .defaultOperator(Operator.And)));
        }
        if (query.type() != null) {
            bool.filter(f -> f.term(t -> t.field("type").value(FieldValue.of(query.type()))));
        }
        if (query.subject() != null) {
            bool.filter(f -> f.term(t -> t.field("subject").value(FieldValue.of(query.subject()))));
        }
        if (query.account() != null) {
            // documents indexed before they had an account field still match by subject
            bool.filter(f -> f.bool(any -> any
                    .should(s -> s.term(t -> t.field("accountId").value(FieldValue.of(query.account()))))
                    .should(s -> s.term(t -> t.field("subject").value(FieldValue.of(query.account()))))
                    .minimumShouldMatch("1")));
        }
        if (query.from() != null || query.to() != null) {
            bool.filter(f -> f.range(r -> {
                r.field("time");
                if (query.from() != null) {
                    r.gte(JsonData.of(query.from().toString()));
                }
                if (query.to() != null) {
                    r.lt(JsonData.of(query.to().toString()));
                }
                return r;
            }));
        }
        return bool;
    }

    private static TimelineCursor cursorOf(Hit<TimelineEntry> hit) {
        List<FieldValue> sort = hit.sort();
        return new TimelineCursor(sort.get(0).longValue(), sort.get(1).stringValue());
    }
}
