package io.mooring.search.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A reindex operation as the API shows it.
 *
 * @param index     the index's name, e.g. {@code statuses}
 * @param phase     {@code copying} (from the old index into the new one), {@code catching-up} (after the
 *                  alias swap: what was written to the old index during the copy), {@code succeeded} or {@code failed}
 * @param total     documents in the old index when the current pass started
 * @param copied    documents written to the new index so far, over both passes
 * @param skipped   documents of the old index that the new one held at the same or a newer version
 * @param swappedAt when the alias moved to the new index; null before
 * @param error     why it failed; null otherwise
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReindexStatus(UUID id, String index, String phase, String oldIndex, String newIndex, long total, long copied,
                            long skipped, Instant startedAt, @Nullable Instant swappedAt, @Nullable Instant finishedAt,
                            @Nullable String error) {

    /** As a document of the operations index, written at {@code updatedAt}. */
    Map<String, Object> document(Instant updatedAt) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id.toString());
        doc.put("index", index);
        doc.put("phase", phase);
        doc.put("oldIndex", oldIndex);
        doc.put("newIndex", newIndex);
        doc.put("total", total);
        doc.put("copied", copied);
        doc.put("skipped", skipped);
        doc.put("startedAt", startedAt.toString());
        doc.put("swappedAt", swappedAt == null ? null : swappedAt.toString());
        doc.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
        doc.put("updatedAt", updatedAt.toString());
        doc.put("error", error);
        return doc;
    }

    /** The status a document of the operations index holds. */
    static ReindexStatus of(Map<String, Object> doc) {
        return new ReindexStatus(UUID.fromString((String) doc.get("id")), (String) doc.get("index"), (String) doc.get("phase"),
                (String) doc.get("oldIndex"), (String) doc.get("newIndex"), number(doc, "total"), number(doc, "copied"),
                number(doc, "skipped"), Instant.parse((String) doc.get("startedAt")), instant(doc, "swappedAt"),
                instant(doc, "finishedAt"), (String) doc.get("error"));
    }

    private static long number(Map<String, Object> doc, String field) {
        return doc.get(field) instanceof Number n ? n.longValue() : 0;
    }

    private static Instant instant(Map<String, Object> doc, String field) {
        return doc.get(field) instanceof String s ? Instant.parse(s) : null;
    }
}
