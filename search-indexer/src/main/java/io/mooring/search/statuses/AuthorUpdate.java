package io.mooring.search.statuses;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.content.StatusSnapshot;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.Script;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a status event tells about its author's opt-in: an upsert of the author's document in the
 * {@code authors} index that keeps the flag of the latest event by time, whatever the arrival
 * order, and remembers whether the author was ever seen opted in.
 */
final class AuthorUpdate {
    // the newest event's flag wins; an opt-in seen at any time is remembered
    private static final String SCRIPT = """
            if (params.indexable) { ctx._source.seenIndexable = true; }
            if (params.time >= ctx._source.time) { ctx._source.indexable = params.indexable; ctx._source.time = params.time; }
            """;

    private AuthorUpdate() {
    }

    static Optional<BulkOperation> of(ReceivedEvent event, String alias) {
        if (!(event.data().orElse(null) instanceof StatusSnapshot status)) {
            return Optional.empty();
        }
        String source = status.source() != null ? status.source() : event.source();
        boolean indexable = Boolean.TRUE.equals(status.indexable());
        long time = event.time().toInstant().toEpochMilli();
        String id = source + ":" + status.accountId();
        Map<String, Object> upsert = new LinkedHashMap<>();
        upsert.put("id", id);
        upsert.put("source", source);
        upsert.put("accountId", status.accountId());
        upsert.put("indexable", indexable);
        upsert.put("seenIndexable", indexable);
        upsert.put("time", time);
        Script script = Script.of(s -> s.inline(i -> i.source(SCRIPT)
                .params("indexable", JsonData.of(indexable))
                .params("time", JsonData.of(time))));
        return Optional.of(BulkOperation.of(b -> b.update(u -> u
                .index(alias)
                .id(id)
                .retryOnConflict(5)
                .requireAlias(true)
                .script(script)
                .upsert(upsert))));
    }
}
