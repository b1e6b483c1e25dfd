package io.mooring.search.statuses;

import io.mooring.search.index.ManagedIndex;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.opensearch.client.opensearch.core.search.Hit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Full-text search of statuses through the {@code statuses} alias, with the reader's visibility
 * rules ({@link StatusVisibility}) part of the query. Failures are left to
 * {@link io.mooring.search.opensearch.OpenSearchFailures} to classify.
 */
@Singleton
public class StatusSearch {
    /**
     * Most distinct statuses a reader's replies, as many its boosted statuses, and as many of its latest
     * favourites, bookmarks and boosts (interaction events), that make statuses visible to it.
     */
    static final int INTERACTION_LIMIT = 5_000;
    /** Most authors who opted out after being indexed as opted in (the latest) that the search hides. */
    static final int OPTED_OUT_LIMIT = 10_000;

    private final OpenSearchClient client;
    private final ManagedIndex index;
    private final ManagedIndex interactions;
    private final ManagedIndex authors;

    public StatusSearch(OpenSearchClient client, @Named(StatusesIndex.NAME) ManagedIndex index,
                        @Named(InteractionsIndex.NAME) ManagedIndex interactions, @Named(AuthorsIndex.NAME) ManagedIndex authors) {
        this.client = client;
        this.index = index;
        this.interactions = interactions;
        this.authors = authors;
    }

    public StatusResults search(StatusSearchRequest request) throws IOException {
        Set<String> interacted = request.reader() == null ? Set.of() : interactions(request.reader());
        Query visibility = StatusVisibility.filter(request.reader(), interacted, optedOut());
        @SuppressWarnings({"unchecked", "rawtypes"})
        SearchResponse<Map<String, Object>> response = (SearchResponse) client.search(searchOf(request, visibility), Map.class);
        List<Hit<Map<String, Object>>> hits = response.hits().hits();
        List<FoundStatus> items = hits.stream().limit(request.size())
                .map(hit -> FoundStatus.of(hit.source(), highlights(hit))).toList();
        String next = hits.size() > request.size() ? cursorOf(request, hits.get(request.size() - 1)).encode() : null;
        return new StatusResults(items, next);
    }

    private SearchRequest searchOf(StatusSearchRequest request, Query visibility) {
        List<String> fields = textFields(request.language());
        return SearchRequest.of(s -> {
            s.index(index.alias())
                    .size(request.size() + 1)
                    .trackTotalHits(t -> t.enabled(false))
                    .query(q -> q.bool(b -> criteria(b, request, fields).filter(visibility)))
                    .source(src -> src.filter(f -> f.excludes("content", "text_*")))
                    .highlight(h -> h.encoder(HighlighterEncoder.Html).preTags("<mark>").postTags("</mark>")
                            .fragmentSize(160).numberOfFragments(3)
                            .fields("text", f -> f)
                            .fields("text_*", f -> f));
            if (request.order() == SearchOrder.RELEVANCE) {
                s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)));
            }
            s.sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Desc)));
            StatusCursor after = request.after();
            if (after != null) {
                List<FieldValue> values = new ArrayList<>();
                if (request.order() == SearchOrder.RELEVANCE) {
                    values.add(FieldValue.of(after.score()));
                }
                values.add(FieldValue.of(after.createdAt()));
                values.add(FieldValue.of(after.id()));
                s.searchAfter(values);
            }
            return s;
        });
    }

    /** The plain text, and the language's stemmed text where it has an analyzer (all of them when no language is asked for). */
    private static List<String> textFields(String language) {
        if (language == null) {
            return List.of("text", "text_*");
        }
        return StatusLanguages.analyzerOf(language).map(a -> List.of("text", "text_" + a)).orElse(List.of("text"));
    }

    private static BoolQuery.Builder criteria(BoolQuery.Builder bool, StatusSearchRequest request, List<String> fields) {
        StatusQuery query = request.query();
        if (!query.words().isEmpty()) {
            bool.must(m -> m.multiMatch(mm -> mm.query(String.join(" ", query.words())).fields(fields)
                    .type(TextQueryType.BestFields).operator(Operator.And)));
        }
        // phrases on the unstemmed text: a language analyzer drops stop words, so "bob by" would match "by bob"
        for (String phrase : query.phrases()) {
            bool.must(m -> m.matchPhrase(mp -> mp.field("text").query(phrase)));
        }
        // a boost has no words of its own: the boosted status is found instead
        bool.mustNot(n -> n.exists(e -> e.field("reblogOfId")));
        query.tags().forEach(tag -> bool.filter(StatusVisibility.term("tags", tag)));
        query.mentions().forEach(mention -> bool.filter(StatusVisibility.term("mentions", mention)));
        if (!query.authors().isEmpty() || query.fromMe()) {
            List<Query> authors = new ArrayList<>();
            if (!query.authors().isEmpty()) {
                List<FieldValue> handles = query.authors().stream().map(FieldValue::of).toList();
                authors.add(Query.of(q -> q.terms(t -> t.field("author").terms(v -> v.value(handles)))));
            }
            if (query.fromMe()) {
                authors.add(Query.of(q -> q.bool(b -> b.filter(StatusVisibility.term("source", request.reader().source()))
                        .filter(StatusVisibility.term("accountId", request.reader().accountId())))));
            }
            bool.filter(f -> f.bool(any -> any.should(authors).minimumShouldMatch("1")));
        }
        if (query.after() != null || query.before() != null) {
            bool.filter(f -> f.range(r -> {
                r.field("createdAt");
                if (query.after() != null) {
                    r.gte(JsonData.of(query.after().toString()));
                }
                if (query.before() != null) {
                    r.lt(JsonData.of(query.before().toString()));
                }
                return r;
            }));
        }
        if (request.language() != null) {
            String language = request.language();
            bool.filter(f -> f.bool(any -> any
                    .should(s -> s.term(t -> t.field("language").value(FieldValue.of(language)).caseInsensitive(true)))
                    .should(s -> s.prefix(p -> p.field("language").value(language + "-").caseInsensitive(true)))
                    .minimumShouldMatch("1")));
        }
        return bool;
    }

    /** Per source, the authors who opted out of search after statuses of theirs were indexed as opted in. */
    private Map<String, List<String>> optedOut() throws IOException {
        @SuppressWarnings({"unchecked", "rawtypes"})
        SearchResponse<Map<String, Object>> response = (SearchResponse) client.search(s -> s.index(authors.alias())
                .size(OPTED_OUT_LIMIT)
                .trackTotalHits(t -> t.enabled(false))
                .source(src -> src.filter(f -> f.includes("source", "accountId")))
                .query(q -> q.bool(b -> b
                        .filter(f -> f.term(t -> t.field("indexable").value(FieldValue.of(false))))
                        .filter(f -> f.term(t -> t.field("seenIndexable").value(FieldValue.of(true))))))
                .sort(o -> o.field(f -> f.field("time").order(SortOrder.Desc))), Map.class);
        Map<String, List<String>> optedOut = new HashMap<>();
        for (Hit<Map<String, Object>> hit : response.hits().hits()) {
            optedOut.computeIfAbsent(String.valueOf(hit.source().get("source")), s -> new ArrayList<>())
                    .add(String.valueOf(hit.source().get("accountId")));
        }
        return optedOut;
    }

    /**
     * The statuses the reader replied to or boosted, read from its own statuses, and those it
     * favourited, bookmarked or boosted, read from the interactions it has not taken back.
     */
    private Set<String> interactions(ActingAccount reader) throws IOException {
        SearchResponse<Void> response = client.search(s -> s.index(index.alias()).size(0)
                .trackTotalHits(t -> t.enabled(false))
                .query(StatusVisibility.ownStatuses(reader))
                .aggregations("replied", a -> a.terms(t -> t.field("inReplyToId").size(INTERACTION_LIMIT)))
                .aggregations("boosted", a -> a.terms(t -> t.field("reblogOfId").size(INTERACTION_LIMIT))), Void.class);
        Set<String> ids = new LinkedHashSet<>();
        for (String name : List.of("replied", "boosted")) {
            response.aggregations().get(name).sterms().buckets().array().stream().map(StringTermsBucket::key).forEach(ids::add);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        SearchResponse<Map<String, Object>> given = (SearchResponse) client.search(s -> s.index(interactions.alias())
                .size(INTERACTION_LIMIT)
                .trackTotalHits(t -> t.enabled(false))
                .source(src -> src.filter(f -> f.includes("statusId")))
                .query(q -> q.bool(b -> b
                        .filter(StatusVisibility.term("source", reader.source()))
                        .filter(StatusVisibility.term("accountId", reader.accountId()))
                        .filter(f -> f.term(t -> t.field("active").value(FieldValue.of(true))))))
                .sort(o -> o.field(f -> f.field("updatedAt").order(SortOrder.Desc))), Map.class);
        given.hits().hits().forEach(hit -> ids.add(String.valueOf(hit.source().get("statusId"))));
        return ids;
    }

    private static List<String> highlights(Hit<Map<String, Object>> hit) {
        Map<String, List<String>> highlight = hit.highlight();
        if (highlight == null || highlight.isEmpty()) {
            return List.of();
        }
        List<String> plain = highlight.get("text");
        if (plain != null && !plain.isEmpty()) {
            return plain;
        }
        return highlight.values().stream().filter(l -> !l.isEmpty()).findFirst().orElse(List.of());
    }

    private static StatusCursor cursorOf(StatusSearchRequest request, Hit<Map<String, Object>> hit) {
        List<FieldValue> sort = hit.sort();
        int at = request.order() == SearchOrder.RELEVANCE ? 1 : 0;
        double score = at == 1 ? sort.get(0).doubleValue() : 0;
        return new StatusCursor(request.order(), request.fingerprint(), score, sort.get(at).longValue(), sort.get(at + 1).stringValue());
    }
}
