package io.mooring.search.statuses;

import io.micronaut.core.annotation.Nullable;
import io.mooring.runtime.http.ProblemException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code q} of a status search, read into its parts: words and {@code "phrases"} (full text),
 * {@code #hashtag}, {@code @mention}, {@code from:handle} (or {@code from:me}), {@code before:} and
 * {@code after:} (a UTC day {@code 2026-11-30} or an ISO-8601 instant). Every part must match. The
 * query is built from these parts, never handed to OpenSearch's own query syntax, so no input makes
 * OpenSearch fail to parse it. A malformed part is a 400 naming {@code q}.
 *
 * @param after inclusive lower bound of the creation time
 * @param before exclusive upper bound of the creation time
 */
public record StatusQuery(List<String> words, List<String> phrases, Set<String> tags, Set<String> mentions,
                          Set<String> authors, boolean fromMe, @Nullable Instant after, @Nullable Instant before) {
    public static final int MAX_LENGTH = 500;
    public static final int MAX_PARTS = 32;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_]{1,100}");
    private static final Pattern HANDLE = Pattern.compile("[\\p{L}\\p{N}_.-]{1,100}(@[\\p{L}\\p{N}.-]{1,253})?");
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    public StatusQuery {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
        tags = Set.copyOf(tags);
        mentions = Set.copyOf(mentions);
        authors = Set.copyOf(authors);
        if (after != null && before != null && !after.isBefore(before)) {
            throw new IllegalArgumentException("after must be before before");
        }
    }

    /** Whether the query asks for words or phrases, so that relevance means something. */
    public boolean hasText() {
        return !words.isEmpty() || !phrases.isEmpty();
    }

    /** Reads {@code q}; null or blank is a 400, as is anything this class does not accept. */
    public static StatusQuery parse(@Nullable String q) {
        if (q == null || q.isBlank()) {
            throw invalid("is required: words, \"a phrase\", #hashtag, @mention, from:, before: or after:");
        }
        if (q.length() > MAX_LENGTH) {
            throw invalid("must be at most " + MAX_LENGTH + " characters");
        }
        Parts parts = new Parts();
        int i = 0;
        int count = 0;
        while (i < q.length()) {
            if (Character.isWhitespace(q.charAt(i))) {
                i++;
                continue;
            }
            if (++count > MAX_PARTS) {
                throw invalid("must have at most " + MAX_PARTS + " words and operators");
            }
            if (q.charAt(i) == '"') {
                int end = q.indexOf('"', i + 1);
                if (end < 0) {
                    throw invalid("a quote is not closed");
                }
                String phrase = q.substring(i + 1, end).strip();
                if (phrase.isEmpty()) {
                    throw invalid("a phrase in quotes is empty");
                }
                parts.phrases.add(phrase);
                i = end + 1;
                continue;
            }
            int end = i;
            while (end < q.length() && !Character.isWhitespace(q.charAt(end)) && q.charAt(end) != '"') {
                end++;
            }
            parts.add(q.substring(i, end));
            i = end;
        }
        if (parts.after != null && parts.before != null && !parts.after.isBefore(parts.before)) {
            throw invalid("after: must be earlier than before:");
        }
        return new StatusQuery(parts.words, parts.phrases, parts.tags, parts.mentions, parts.authors, parts.fromMe,
                parts.after, parts.before);
    }

    private static final class Parts {
        final List<String> words = new ArrayList<>();
        final List<String> phrases = new ArrayList<>();
        final Set<String> tags = new LinkedHashSet<>();
        final Set<String> mentions = new LinkedHashSet<>();
        final Set<String> authors = new LinkedHashSet<>();
        boolean fromMe;
        Instant after;
        Instant before;

        void add(String token) {
            String lower = token.toLowerCase(Locale.ROOT);
            if (token.startsWith("#")) {
                tags.add(require(TAG, lower.substring(1), token, "is not a hashtag"));
            } else if (token.startsWith("@")) {
                mentions.add(require(HANDLE, lower.substring(1), token, "is not a user or user@domain"));
            } else if (lower.startsWith("from:")) {
                String author = stripAt(lower.substring(5));
                if (author.equals("me")) {
                    fromMe = true;
                } else {
                    authors.add(require(HANDLE, author, token, "is not from:user, from:user@domain or from:me"));
                }
            } else if (lower.startsWith("before:")) {
                if (before != null) {
                    throw invalid("before: is given twice");
                }
                before = date(token.substring(7), "before:");
            } else if (lower.startsWith("after:")) {
                if (after != null) {
                    throw invalid("after: is given twice");
                }
                after = date(token.substring(6), "after:");
            } else {
                words.add(token);
            }
        }
    }

    private static String stripAt(String handle) {
        return handle.startsWith("@") ? handle.substring(1) : handle;
    }

    private static String require(Pattern pattern, String value, String token, String message) {
        if (!pattern.matcher(value).matches()) {
            throw invalid(shorten(token) + " " + message);
        }
        return value;
    }

    private static Instant date(String value, String operator) {
        Instant instant;
        try {
            instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeException e) {
            throw invalid(operator + " must be a day such as 2026-11-30 or an instant such as 2026-11-30T12:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw invalid(operator + " must be between the years 0001 and 9999");
        }
        return instant;
    }

    private static String shorten(String token) {
        return token.length() <= 40 ? token : token.substring(0, 40) + "…";
    }

    private static ProblemException invalid(String message) {
        return ProblemException.invalid("q", message);
    }
}
