package io.mooring.chatops.webhook;

import io.micronaut.core.annotation.Nullable;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * What one post to a target came to, classified once here.
 *
 * @param httpStatus the target's answer, or null when none came (connection refused, timeout)
 * @param error      what went wrong, null when delivered; never holds the target URL
 * @param retryAfter nullable: how long a target that answered 429 or 503 asked to be left alone ({@code Retry-After})
 */
public record PostResult(Outcome outcome, @Nullable Integer httpStatus, @Nullable String error,
                         @Nullable Duration retryAfter) {

    public enum Outcome {
        /** The target took the message (2xx). */
        DELIVERED,
        /** The target refused it for good (most 4xx, an unfollowed 3xx): posting again will not help. */
        REJECTED,
        /** No answer, 5xx, 408, 425 or 429: the target may take it later, so the event is retried. */
        UNAVAILABLE
    }

    public PostResult {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.DELIVERED) != (error == null)) {
            throw new IllegalArgumentException("an error is given exactly when the post was not delivered");
        }
        if (retryAfter != null && (outcome != Outcome.UNAVAILABLE || retryAfter.isNegative())) {
            throw new IllegalArgumentException("retryAfter is a non-negative wait of an unavailable target");
        }
    }

    public PostResult(Outcome outcome, @Nullable Integer httpStatus, @Nullable String error) {
        this(outcome, httpStatus, error, null);
    }

    /** Classifies the HTTP status a target answered with. */
    public static PostResult ofStatus(int status) {
        return ofStatus(status, null, Instant.EPOCH);
    }

    /**
     * Classifies the HTTP status a target answered with, and for 429 and 503 its {@code Retry-After}: seconds or an
     * HTTP date (compared with {@code now}); a value that is neither is ignored.
     */
    public static PostResult ofStatus(int status, @Nullable String retryAfterHeader, Instant now) {
        if (status >= 200 && status < 300) {
            return new PostResult(Outcome.DELIVERED, status, null);
        }
        boolean retriable = status >= 500 || status == 408 || status == 425 || status == 429;
        if (!retriable) {
            return new PostResult(Outcome.REJECTED, status, "HTTP " + status);
        }
        Duration wait = status == 429 || status == 503 ? retryAfter(retryAfterHeader, now) : null;
        return new PostResult(Outcome.UNAVAILABLE, status,
                "HTTP " + status + (wait == null ? "" : " (Retry-After " + wait.toSeconds() + " s)"), wait);
    }

    /** The target could not be reached or did not answer in time. */
    public static PostResult unreachable(String error) {
        return new PostResult(Outcome.UNAVAILABLE, null, error);
    }

    /** Whether this outcome is final for the (event, target) pair: it will not be posted again. */
    public boolean isFinal() {
        return outcome != Outcome.UNAVAILABLE;
    }

    /** {@code Retry-After} (RFC 9110): delay-seconds or an IMF-fixdate; a date in the past is no wait. */
    static @Nullable Duration retryAfter(@Nullable String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
