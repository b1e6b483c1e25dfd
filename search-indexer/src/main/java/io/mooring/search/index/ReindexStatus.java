package io.mooring.search.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
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
}
