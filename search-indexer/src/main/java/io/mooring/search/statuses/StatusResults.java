package io.mooring.search.statuses;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A page of found statuses.
 *
 * @param nextCursor pass as {@code cursor} (with the same q, language and order) for the next page; null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatusResults(List<FoundStatus> items, @Nullable String nextCursor) {
    public StatusResults {
        items = List.copyOf(items);
    }
}
