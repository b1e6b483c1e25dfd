package io.mooring.search.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A page of the timeline, newest first, with the counts per type per day of every event the search
 * matches (the same on every page).
 *
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 * @param days       oldest day first; days without events are left out
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TimelineCounts(List<TimelineItem> items, @Nullable String nextCursor, List<TimelineDay> days) {
    public TimelineCounts {
        items = List.copyOf(items);
        days = List.copyOf(days);
    }
}
