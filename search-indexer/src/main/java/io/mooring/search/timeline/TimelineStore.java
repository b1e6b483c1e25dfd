package io.mooring.search.timeline;

import io.mooring.search.index.ManagedIndex;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The timeline in OpenSearch, always through the {@code ops-events} alias. Writes are not refreshed
 * (searches see them within the index refresh interval); reads by id are real-time. Failures are
 * left to {@link io.mooring.search.opensearch.OpenSearchFailures} to classify.
 */
@Singleton
public class TimelineStore {
    private final OpenSearchClient client;
    private final ManagedIndex index;

    public TimelineStore(OpenSearchClient client, @Named(TimelineIndex.NAME) ManagedIndex index) {
        this.client = client;
        this.index = index;
    }

    /** Writes the entry under its event id: writing the same event again replaces it. */
    public BulkOperation operation(TimelineEntry entry) {
        return BulkOperation.of(b -> b.index(i -> i
                .index(index.alias())
                .id(entry.id())
                .document(entry)
                // never let a write auto-create a concrete index in place of the alias
                .requireAlias(true)));
    }

    public Optional<TimelineEntry> find(String id) throws IOException {
        GetResponse<TimelineEntry> response = client.get(g -> g.index(index.alias()).id(id), TimelineEntry.class);
        return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
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
