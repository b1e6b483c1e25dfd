package io.mooring.search.statuses;

import io.micronaut.core.annotation.Nullable;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which statuses a reader may find, as a filter of the search itself (never applied to its results
 * afterwards, so paging and counts cannot leak). Deleted statuses are never found. Everyone finds
 * the public statuses of authors who opted in to search ({@code indexable}) and have not opted out
 * since. An acting account also
 * finds, on its own instance, its own statuses of any visibility, those that mention it, and those it
 * replied to, boosted, favourited or bookmarked; nothing else: no other unlisted, followers-only or direct status, and no status
 * of an author who opted out.
 */
final class StatusVisibility {
    private StatusVisibility() {
    }

    /**
     * @param optedOut   per source, the authors whose latest status says they opted out of search after
     *                   statuses of theirs were indexed as opted in
     * @param interacted the status ids (on the reader's instance) the reader replied to, boosted, favourited or bookmarked;
     *                   ignored without a reader
     */
    static Query filter(@Nullable ActingAccount reader, Collection<String> interacted, Map<String, List<String>> optedOut) {
        List<Query> allowed = new ArrayList<>();
        allowed.add(Query.of(q -> q.bool(b -> {
            b.filter(term("visibility", "public"))
                    .filter(Query.of(t -> t.term(v -> v.field("indexable").value(FieldValue.of(true)))));
            // authors who opted out since: their older statuses still say indexable
            optedOut.forEach((source, accounts) -> b.mustNot(Query.of(n -> n.bool(o -> o
                    .filter(term("source", source))
                    .filter(Query.of(t -> t.terms(v -> v.field("accountId")
                            .terms(values -> values.value(accounts.stream().map(FieldValue::of).toList())))))))));
            return b;
        })));
        if (reader != null) {
            allowed.add(onInstance(reader, term("accountId", reader.accountId())));
            // a status federated from elsewhere names a local account with its domain
            List<FieldValue> handles = reader.handle().contains("@") ? List.of(FieldValue.of(reader.handle()))
                    : List.of(FieldValue.of(reader.handle()), FieldValue.of(reader.handle() + "@" + reader.source()));
            allowed.add(onInstance(reader, Query.of(q -> q.terms(t -> t.field("mentions").terms(v -> v.value(handles))))));
            if (!interacted.isEmpty()) {
                List<FieldValue> ids = interacted.stream().map(FieldValue::of).toList();
                allowed.add(onInstance(reader, Query.of(q -> q.terms(t -> t.field("statusId").terms(v -> v.value(ids))))));
            }
        }
        return Query.of(q -> q.bool(b -> b
                .filter(Query.of(t -> t.term(v -> v.field("deleted").value(FieldValue.of(false)))))
                .filter(Query.of(any -> any.bool(o -> o.should(allowed).minimumShouldMatch("1"))))));
    }

    /** The reader's own statuses that are not deleted: where its replies and boosts are read from. */
    static Query ownStatuses(ActingAccount reader) {
        return Query.of(q -> q.bool(b -> b
                .filter(term("source", reader.source()))
                .filter(term("accountId", reader.accountId()))
                .filter(Query.of(t -> t.term(v -> v.field("deleted").value(FieldValue.of(false)))))));
    }

    private static Query onInstance(ActingAccount reader, Query condition) {
        return Query.of(q -> q.bool(b -> b.filter(term("source", reader.source())).filter(condition)));
    }

    static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }
}
