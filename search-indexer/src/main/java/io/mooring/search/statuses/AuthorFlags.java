package io.mooring.search.statuses;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.content.AuthorUpdated;
import io.mooring.runtime.consumer.TransientEventFailure;
import io.mooring.search.index.ManagedIndex;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.BuiltinScriptLanguage;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.UpdateByQueryResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code author.updated} (from Mastodon's {@code account.updated}, or any producer) to the
 * author's statuses already indexed: their {@code indexable} flag becomes the author's, so an opt-out
 * hides them from everyone else's searches at once and an opt-in shows them. Statuses indexed later
 * carry the flag of their own event. Updates apply in the order of their {@code version}, not of their
 * arrival: one older than the author's update recorded in the {@code authors} index ({@link AuthorOptIns})
 * changes nothing. {@link StatusEventHandler} applies each update once the statuses of the events before it in its
 * batch are stored, and the statuses index is refreshed first (author updates are rare), so those statuses, and any
 * indexed just before, are not missed. Replays are harmless (the same flag is written again).
 */
@Singleton
public class AuthorFlags {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorFlags.class);
    private final OpenSearchClient client;
    private final ManagedIndex statuses;
    private final AuthorOptIns optIns;

    public AuthorFlags(OpenSearchClient client, @Named(StatusesIndex.NAME) ManagedIndex statuses, AuthorOptIns optIns) {
        this.client = client;
        this.statuses = statuses;
        this.optIns = optIns;
    }

    /** Applies the author update to the author's statuses, unless a newer update is recorded. */
    public void apply(ReceivedEvent event, AuthorUpdated author) throws Exception {
        String source = AuthorOptIns.sourceOf(event, author);
        // recorded first: a crash before the statuses are updated replays this event, which then applies again
        if (!optIns.record(event, author)) {
            LOG.info("author {} on {}: update {} superseded by a newer one, ignored", author.accountId(), source, author.version());
            return;
        }
        Query query = Query.of(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field("source").value(FieldValue.of(source))))
                .filter(f -> f.term(t -> t.field("accountId").value(FieldValue.of(author.accountId()))))
                .mustNot(m -> m.term(t -> t.field("deleted").value(FieldValue.of(true))))
                .mustNot(m -> m.term(t -> t.field("indexable").value(FieldValue.of(author.indexable()))))));
        // the query searches: statuses indexed within the refresh interval must be visible to it
        client.indices().refresh(r -> r.index(statuses.alias()));
        // a status written by the indexer meanwhile is newer than this event's view of it: left alone
        UpdateByQueryResponse response = client.updateByQuery(u -> u.index(statuses.alias()).conflicts(Conflicts.Proceed)
                .query(query).script(s -> s.inline(i -> i.lang(l -> l.builtin(BuiltinScriptLanguage.Painless))
                        .source("ctx._source.indexable = params.indexable")
                        .params("indexable", JsonData.of(author.indexable())))));
        if (!response.failures().isEmpty()) {
            throw new TransientEventFailure("author " + author.accountId() + "@" + source + ": " + response.failures().size()
                    + " statuses not updated: " + response.failures().getFirst().cause().reason());
        }
        LOG.info("author {} on {}: indexable={} on {} statuses", author.accountId(), source, author.indexable(), response.updated());
    }
}
