package io.mooring.search.statuses;

import io.mooring.search.index.PageSize;
import io.micronaut.core.annotation.Nullable;
import io.mooring.runtime.http.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A search of statuses as asked over HTTP.
 *
 * @param reader   who is asking: null for a caller that names no account, who finds only public
 *                 statuses of authors who opted in to search
 * @param language a BCP 47 tag, e.g. {@code de}; matches that language and its regional variants ({@code de-AT})
 * @param after    continue after this position, as returned with the previous page
 * @param fingerprint identifies the search (words, language, order, reader) in the cursors it hands out
 */
public record StatusSearchRequest(StatusQuery query, @Nullable String language, SearchOrder order, int size,
                                  @Nullable StatusCursor after, @Nullable ActingAccount reader, String fingerprint) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 40;
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}");

    public StatusSearchRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(order, "order");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        if (query.fromMe() && reader == null) {
            throw new IllegalArgumentException("from:me needs an acting account");
        }
        if (after != null && (after.order() != order || !after.fingerprint().equals(fingerprint))) {
            throw new IllegalArgumentException("the cursor belongs to another search");
        }
    }

    /** Reads the query parameters; a bad one is a 400 problem naming it. Blank counts as absent, except for q. */
    public static StatusSearchRequest parse(@Nullable String q, @Nullable String language, @Nullable String order,
                                            @Nullable String size, @Nullable String cursor, @Nullable ActingAccount reader) {
        StatusQuery query = StatusQuery.parse(q);
        if (query.fromMe() && reader == null) {
            throw ProblemException.invalid("q", "from:me needs an acting account (a search token naming one)");
        }
        String lang = language(language);
        SearchOrder sort = order(order);
        String fingerprint = fingerprint(q.strip(), lang, sort, reader);
        StatusCursor after = cursor(cursor, fingerprint);
        return new StatusSearchRequest(query, lang, sort, PageSize.of(size, DEFAULT_SIZE, MAX_SIZE), after, reader, fingerprint);
    }

    private static String fingerprint(String q, String language, SearchOrder order, ActingAccount reader) {
        CRC32 crc = new CRC32();
        String reading = reader == null ? "" : reader.source() + "\n" + reader.accountId() + "\n" + reader.handle();
        crc.update(String.join("\n", q, Objects.toString(language, ""), order.wireName(), reading).getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private static String language(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String tag = value.strip();
        if (!LANGUAGE.matcher(tag).matches()) {
            throw ProblemException.invalid("language", "must be a BCP 47 language tag such as en or pt-BR");
        }
        return tag.toLowerCase(Locale.ROOT);
    }

    private static SearchOrder order(String value) {
        if (value == null || value.isBlank()) {
            return SearchOrder.RELEVANCE;
        }
        return SearchOrder.fromWire(value.strip())
                .orElseThrow(() -> ProblemException.invalid("order", "must be relevance or newest"));
    }

    private static StatusCursor cursor(String value, String fingerprint) {
        if (value == null || value.isBlank()) {
            return null;
        }
        StatusCursor cursor;
        try {
            cursor = StatusCursor.decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this API");
        }
        if (!cursor.fingerprint().equals(fingerprint)) {
            throw ProblemException.invalid("cursor", "belongs to another search: pass the same q, language and order");
        }
        return cursor;
    }
}
