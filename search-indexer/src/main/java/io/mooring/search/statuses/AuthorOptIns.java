package io.mooring.search.statuses;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.content.AuthorUpdated;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Result;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The authors' own updates ({@code author.updated}) in the {@code authors} index, ordered by their
 * {@code version}: an update older than the one recorded changes nothing, whatever the arrival order,
 * and tells its caller to leave the author's statuses alone. The record lives in OpenSearch, so the
 * order holds across batches, restarts and replicas.
 */
@Singleton
public class AuthorOptIns {
    // an older author update is superseded; the newest one sets the flag, and a status event older by
    // time than it no longer does (AuthorUpdate compares with time)
    private static final String SCRIPT = """
            if (ctx._source.authorVersion != null && params.version < ctx._source.authorVersion) { ctx.op = 'noop'; return; }
            ctx._source.authorVersion = params.version;
            ctx._source.indexable = params.indexable;
            if (params.indexable) { ctx._source.seenIndexable = true; }
            if (params.time > ctx._source.time) { ctx._source.time = params.time; }
            """;

    private final OpenSearchClient client;
    private final String alias;

    public AuthorOptIns(OpenSearchClient client, @Named(AuthorsIndex.NAME) io.mooring.search.index.ManagedIndex authors) {
        this.client = client;
        this.alias = authors.alias();
    }

    /**
     * Records the author's opt-in unless a newer update of the author is recorded.
     *
     * @return false if a newer update is recorded (this one is superseded); true otherwise, a replay
     * of the recorded update included
     */
    public boolean record(ReceivedEvent event, AuthorUpdated author) throws IOException {
        String source = sourceOf(event, author);
        long time = Math.max(0, event.time().toInstant().toEpochMilli());
        long version = author.version() != null ? author.version() : time;
        String id = source + ":" + author.accountId();
        Map<String, Object> upsert = new LinkedHashMap<>();
        upsert.put("id", id);
        upsert.put("source", source);
        upsert.put("accountId", author.accountId());
        upsert.put("indexable", author.indexable());
        upsert.put("seenIndexable", author.indexable());
        upsert.put("time", time);
        upsert.put("authorVersion", version);
        Result result = client.update(u -> u.index(alias).id(id).requireAlias(true).retryOnConflict(5)
                .script(s -> s.inline(i -> i.source(SCRIPT)
                        .params("indexable", JsonData.of(author.indexable()))
                        .params("time", JsonData.of(time))
                        .params("version", JsonData.of(version))))
                .upsert(upsert), Map.class).result();
        return result != Result.NoOp;
    }

    /** The instance named by the event, else the event's CloudEvents source. */
    public static String sourceOf(ReceivedEvent event, AuthorUpdated author) {
        return author.source() != null ? author.source() : event.source();
    }
}
