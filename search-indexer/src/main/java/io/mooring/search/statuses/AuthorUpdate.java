package io.mooring.search.statuses;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.content.StatusSnapshot;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.Script;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What status events tell about their author's opt-in: an upsert of the author's document in the
 * {@code authors} index that keeps the flag of the latest event by time, whatever the arrival
 * order, and remembers whether the author was ever seen opted in. The updates of several events of
 * one author merge ({@link #then}) into one that leaves the document exactly as applying them one
 * by one, in order, would.
 *
 * @param indexable     the flag of the latest event by time (of the last one, among those with that time)
 * @param seenIndexable whether any of the events said true
 * @param time          the latest event time, epoch milliseconds
 */
record AuthorUpdate(String source, String accountId, boolean indexable, boolean seenIndexable, long time) {
    // the newest event's flag wins (the later one on a tie); an opt-in seen at any time is remembered
    private static final String SCRIPT = """
            if (params.seenIndexable) { ctx._source.seenIndexable = true; }
            if (params.time >= ctx._source.time) { ctx._source.indexable = params.indexable; ctx._source.time = params.time; }
            """;

    AuthorUpdate {
        Objects.requireNonNull(source, "source");
        if (indexable && !seenIndexable) {
            throw new IllegalArgumentException("an update that says indexable has seen it");
        }
    }

    /** The update a created or updated status makes; none for other events. */
    static Optional<AuthorUpdate> of(ReceivedEvent event) {
        if (!(event.data().orElse(null) instanceof StatusSnapshot status)) {
            return Optional.empty();
        }
        String source = status.source() != null ? status.source() : event.source();
        boolean indexable = Boolean.TRUE.equals(status.indexable());
        return Optional.of(new AuthorUpdate(source, status.accountId(), indexable, indexable,
                event.time().toInstant().toEpochMilli()));
    }

    /** The author's document id, {@code <source>:<accountId>}. */
    String id() {
        return source + ":" + accountId;
    }

    /**
     * This update followed by {@code later} (of the same author) as one: the flag and time of the later
     * one if its time is not earlier (the script's {@code >=}), else this one's; seen if either saw it.
     */
    AuthorUpdate then(AuthorUpdate later) {
        if (!id().equals(later.id())) {
            throw new IllegalArgumentException("updates of different authors: " + id() + ", " + later.id());
        }
        AuthorUpdate newest = later.time >= time ? later : this;
        return new AuthorUpdate(source, accountId, newest.indexable, seenIndexable || later.seenIndexable, newest.time);
    }

    /** The scripted upsert that applies this update to the author's document behind {@code alias}. */
    BulkOperation operation(String alias) {
        Map<String, Object> upsert = new LinkedHashMap<>();
        upsert.put("id", id());
        upsert.put("source", source);
        upsert.put("accountId", accountId);
        upsert.put("indexable", indexable);
        upsert.put("seenIndexable", seenIndexable);
        upsert.put("time", time);
        Script script = Script.of(s -> s.inline(i -> i.source(SCRIPT)
                .params("indexable", JsonData.of(indexable))
                .params("seenIndexable", JsonData.of(seenIndexable))
                .params("time", JsonData.of(time))));
        return BulkOperation.of(b -> b.update(u -> u
                .index(alias)
                .id(id())
                .retryOnConflict(5)
                .requireAlias(true)
                .script(script)
                .upsert(upsert)));
    }
}
