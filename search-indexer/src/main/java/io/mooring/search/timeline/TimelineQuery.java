package io.mooring.search.timeline;

import io.mooring.search.index.PageSize;
import io.micronaut.core.annotation.Nullable;
import io.mooring.events.EventEnvelope;
import io.mooring.runtime.http.ProblemException;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * A search of the timeline, newest first.
 *
 * @param text    full text over summary, body values and subject (simple query string syntax)
 * @param type    exact event type, or a prefix ending in {@code .*} (e.g. {@code mooring.backups.*})
 * @param subject exact subject (aggregate id)
 * @param account the account's events and those of its resources, backup policies and monitors
 * @param source  exact CloudEvents source, e.g. {@code /mooring/provisioner}; read from a service name
 *                ({@code provisioner}) too
 * @param from    inclusive lower bound of the event time
 * @param to      exclusive upper bound of the event time
 * @param size    entries per page, 1 to {@link #MAX_SIZE}
 * @param after   continue after this position, as returned with the previous page
 */
public record TimelineQuery(@Nullable String text, @Nullable String type, @Nullable String subject,
                            @Nullable String account, @Nullable String source, @Nullable Instant from, @Nullable Instant to, int size,
                            @Nullable TimelineCursor after) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    static final int MAX_TEXT = 1_000;
    /** The range OpenSearch reads back as four-digit years. */
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    public TimelineQuery {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }

    /** Whether {@link #type()} is a prefix ({@code mooring.backups.*}) rather than an exact type. */
    public boolean typeIsPrefix() {
        return type != null && type.endsWith(".*");
    }

    /**
     * Reads the query parameters of {@code GET /v1/events} and {@code GET /v1/search/events}; a bad one
     * is a 400 problem naming it. Blank parameters count as absent.
     */
    public static TimelineQuery parse(@Nullable String q, @Nullable String type, @Nullable String subject,
                                      @Nullable String account, @Nullable String source, @Nullable String from, @Nullable String to,
                                      @Nullable String size, @Nullable String cursor) {
        Instant fromTime = instant(from, "from");
        Instant toTime = instant(to, "to");
        if (fromTime != null && toTime != null && fromTime.isAfter(toTime)) {
            throw ProblemException.invalid("from", "must not be after to");
        }
        return new TimelineQuery(text(q, "q"), type(type), text(subject, "subject"), text(account, "account"),
                source(source), fromTime, toTime, PageSize.of(size, DEFAULT_SIZE, MAX_SIZE), cursor(cursor));
    }

    /** A CloudEvents source as given, or a bare service name as its source ({@code /mooring/<service>}). */
    private static String source(String value) {
        String source = text(value, "source");
        return source == null || source.contains("/") ? source : EventEnvelope.sourceOf(source);
    }

    private static String type(String value) {
        String type = text(value, "type");
        if (type != null && type.indexOf('*') >= 0 && (!type.endsWith(".*") || type.indexOf('*') != type.length() - 1 || type.length() < 3)) {
            throw ProblemException.invalid("type", "must be an event type, or a prefix ending in .* such as mooring.backups.*");
        }
        return type;
    }

    private static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw ProblemException.invalid(field, "must be at most " + MAX_TEXT + " characters");
        }
        return value.strip();
    }

    private static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 instant such as 2025-01-31T12:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ProblemException.invalid(field, "must be between the years 0000 and 9999");
        }
        return instant;
    }

    private static TimelineCursor cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return TimelineCursor.decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this API");
        }
    }
}
