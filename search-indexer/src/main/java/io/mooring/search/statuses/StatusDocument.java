package io.mooring.search.statuses;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.content.StatusDeleted;
import io.mooring.events.content.StatusSnapshot;
import org.jsoup.Jsoup;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A status event as a document of the {@code statuses} index, with the id and version it is written
 * under. A delete becomes a tombstone: the ids, the version and {@code deleted: true}, no content, so
 * that an older create or edit arriving later is refused by its version instead of bringing the
 * status back.
 */
record StatusDocument(String id, long version, Map<String, Object> body) {

    /** The document of a status event; empty for other events on the topic (e.g. newer types). */
    static Optional<StatusDocument> of(ReceivedEvent event) {
        if (event.data().orElse(null) instanceof StatusSnapshot status) {
            return Optional.of(snapshot(event, status));
        }
        if (event.data().orElse(null) instanceof StatusDeleted deleted) {
            return Optional.of(tombstone(event, deleted));
        }
        return Optional.empty();
    }

    private static StatusDocument snapshot(ReceivedEvent event, StatusSnapshot status) {
        String source = sourceOf(status.source(), event);
        long version = versionOf(status.version(), event);
        Map<String, Object> body = ids(source, status.statusId(), status.accountId(), version);
        body.put("deleted", false);
        body.put("author", status.authorHandle().toLowerCase(Locale.ROOT));
        body.put("indexable", Boolean.TRUE.equals(status.indexable()));
        body.put("visibility", status.visibility());
        body.put("language", status.language());
        body.put("content", status.content());
        String text = Jsoup.parse(status.content()).text();
        body.put("text", text);
        StatusLanguages.analyzerOf(status.language()).ifPresent(analyzer -> body.put("text_" + analyzer, text));
        body.put("tags", status.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().toList());
        body.put("mentions", status.mentions().stream().map(m -> m.toLowerCase(Locale.ROOT)).distinct().toList());
        body.put("createdAt", status.createdAt().toInstant().toString());
        body.put("updatedAt", event.time().toInstant().toString());
        body.put("url", status.url());
        body.put("inReplyToId", status.inReplyToId());
        body.put("inReplyToAccountId", status.inReplyToAccountId());
        body.put("reblogOfId", status.reblogOfId());
        return new StatusDocument(idOf(source, status.statusId()), version, body);
    }

    private static StatusDocument tombstone(ReceivedEvent event, StatusDeleted deleted) {
        String source = sourceOf(deleted.source(), event);
        long version = versionOf(deleted.version(), event);
        Map<String, Object> body = ids(source, deleted.statusId(), deleted.accountId(), version);
        body.put("deleted", true);
        body.put("updatedAt", event.time().toInstant().toString());
        return new StatusDocument(idOf(source, deleted.statusId()), version, body);
    }

    private static Map<String, Object> ids(String source, String statusId, String accountId, long version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", idOf(source, statusId));
        body.put("source", source);
        body.put("statusId", statusId);
        body.put("accountId", accountId);
        body.put("version", version);
        return body;
    }

    static String idOf(String source, String statusId) {
        return source + ":" + statusId;
    }

    /** The instance named by the event, else the event's CloudEvents source. */
    private static String sourceOf(String source, ReceivedEvent event) {
        return source != null ? source : event.source();
    }

    /** The event's version, else its time in epoch milliseconds. */
    private static long versionOf(Long version, ReceivedEvent event) {
        if (version != null) {
            return version;
        }
        Instant time = event.time().toInstant();
        return Math.max(0, time.toEpochMilli());
    }
}
