package io.mooring.search.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A page of the timeline, newest first.
 *
 * @param nextCursor pass as {@code cursor} to get the next page; null (present, not absent) on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TimelinePage(List<TimelineItem> items, @Nullable String nextCursor) {
    public TimelinePage {
        items = List.copyOf(items);
    }
}
