package io.mooring.runtime.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a list, in id order.
 *
 * @param items      never absent, possibly empty
 * @param nextCursor pass it as {@code cursor} to get the next page; null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /** The page from {@code fetched} ({@link PageRequest#fetchSize()} rows at most). */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, UUID> id) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, request.limit());
        return new Page<>(items, Cursor.encode(id.apply(items.getLast())));
    }
}
