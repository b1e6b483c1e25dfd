package io.mooring.search.statuses;

import java.util.Locale;
import java.util.Optional;

/** How found statuses are ordered; ties broken by creation time, then id, newest first. */
public enum SearchOrder {
    /** Best match first. */
    RELEVANCE,
    /** Newest first. */
    NEWEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<SearchOrder> fromWire(String value) {
        for (SearchOrder order : values()) {
            if (order.wireName().equals(value)) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }
}
