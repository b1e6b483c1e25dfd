package io.mooring.search.timeline;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * How many events of each type one UTC day holds.
 *
 * @param day   {@code yyyy-MM-dd}, UTC
 * @param total events of the day
 * @param types per type, most frequent first
 */
@Serdeable
public record TimelineDay(String day, long total, List<TypeCount> types) {
    public TimelineDay {
        types = List.copyOf(types);
    }

    @Serdeable
    public record TypeCount(String type, long count) {
    }
}
