package io.mooring.runtime.paging;

import io.micronaut.core.annotation.Nullable;
import io.mooring.runtime.http.ProblemException;

import java.util.UUID;

/**
 * Which page a client asked for: at most {@code limit} items with an id greater than {@code after}.
 *
 * @param after null for the first page
 */
public record PageRequest(int limit, @Nullable UUID after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
    }

    /** From the {@code limit} and {@code cursor} query parameters; a 400 problem names the bad one. */
    public static PageRequest of(@Nullable Integer limit, @Nullable String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
    }

    /** How many rows to fetch: one more than the page, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }
}
