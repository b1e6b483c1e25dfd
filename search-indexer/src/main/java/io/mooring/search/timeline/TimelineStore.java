package io.mooring.search.timeline;

import io.mooring.search.index.IndexBootstrap;
import io.mooring.search.index.TimeSeriesIndex;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.Time;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregate;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
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
    private static final String COUNTS = "counts";
    static final int COUNT_PAGE = 1_000;
    /** Enough for 400 days of 50 types each; a search matching more is counted in part. */
    static final int MAX_COUNT_PAIRS = 20_000;

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
        SearchResponse<TimelineEntry> response = client.search(s -> page(s, query), TimelineEntry.class);
        return pageOf(query, response);
    }

    /**
     * The page, and how many events of each type each UTC day holds among all those the query
     * matches (not only this page's), oldest day first. Counts come from a composite aggregation
     * read {@value #COUNT_PAGE} (day, type) pairs at a time, at most {@value #MAX_COUNT_PAIRS} pairs.
     */
    public TimelineCounts searchWithCounts(TimelineQuery query) throws IOException {
        TimelinePage page = pageOf(query, client.search(s -> page(s, query), TimelineEntry.class));
        // counted apart from the page: with search_after, OpenSearch skips the indices (months) that hold no event past
        // the cursor, and their counts with them
        Map<String, Map<String, Long>> byDay = new TreeMap<>();
        Map<String, FieldValue> after = Map.of();
        int read = 0;
        while (true) {
            Map<String, FieldValue> from = after;
            CompositeAggregate counts = client.search(s -> s.index(index.alias()).size(0).trackTotalHits(t -> t.enabled(false))
                    .query(q -> q.bool(b -> filter(b, query)))
                    .aggregations(COUNTS, counts(from)), Void.class).aggregations().get(COUNTS).composite();
            for (CompositeBucket bucket : counts.buckets().array()) {
                byDay.computeIfAbsent(bucket.key().get("day").stringValue(), d -> new HashMap<>())
                        .merge(bucket.key().get("type").stringValue(), bucket.docCount(), Long::sum);
            }
            read += counts.buckets().array().size();
            after = counts.afterKey();
            if (after == null || after.isEmpty() || counts.buckets().array().size() < COUNT_PAGE || read >= MAX_COUNT_PAIRS) {
                break;
            }
        }
        List<TimelineDay> days = byDay.entrySet().stream().map(day -> new TimelineDay(day.getKey(),
                day.getValue().values().stream().mapToLong(Long::longValue).sum(),
                day.getValue().entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .map(type -> new TimelineDay.TypeCount(type.getKey(), type.getValue())).toList())).toList();
        return new TimelineCounts(page.items(), page.nextCursor(), days);
    }

    /** (UTC day, type) pairs with their event counts, after the pair {@code after} (empty: from the first). */
    private static Aggregation counts(Map<String, FieldValue> after) {
        return Aggregation.of(a -> a.composite(c -> {
            c.size(COUNT_PAGE)
                    .sources(Map.of("day", CompositeAggregationSource.of(src -> src.dateHistogram(h -> h.field("time")
                                    .calendarInterval(Time.of(t -> t.time("1d"))).timeZone("UTC").format("yyyy-MM-dd")))),
                            Map.of("type", CompositeAggregationSource.of(src -> src.terms(t -> t.field("type")))));
            if (!after.isEmpty()) {
                c.after(after);
            }
            return c;
        }));
    }

    private SearchRequest.Builder page(SearchRequest.Builder s, TimelineQuery query) {
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
    }

    private static TimelinePage pageOf(TimelineQuery query, SearchResponse<TimelineEntry> response) {
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
        if (query.typeIsPrefix()) {
            String prefix = query.type().substring(0, query.type().length() - 1);
            bool.filter(f -> f.prefix(p -> p.field("type").value(prefix)));
        } else if (query.type() != null) {
            bool.filter(f -> f.term(t -> t.field("type").value(FieldValue.of(query.type()))));
        }
        if (query.source() != null) {
            bool.filter(f -> f.term(t -> t.field("source").value(FieldValue.of(query.source()))));
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
