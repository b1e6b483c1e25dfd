package io.mooring.search.index;

import io.mooring.runtime.http.ProblemException;

/** The {@code size} query parameter of the search endpoints: absent means the default; else 1 to {@code max}, or a 400. */
public final class PageSize {
    private PageSize() {
    }

    public static int of(String value, int defaultSize, int max) {
        if (value == null || value.isBlank()) {
            return defaultSize;
        }
        try {
            int size = Integer.parseInt(value.strip());
            if (size >= 1 && size <= max) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ProblemException.invalid("size", "must be a whole number from 1 to " + max);
    }
}
