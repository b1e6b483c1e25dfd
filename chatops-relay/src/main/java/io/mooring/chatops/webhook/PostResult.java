package io.mooring.chatops.webhook;

import io.micronaut.core.annotation.Nullable;

import java.util.Objects;

/**
 * What one post to a target came to, classified once here.
 *
 * @param httpStatus the target's answer, or null when none came (connection refused, timeout)
 * @param error      what went wrong, null when delivered; never holds the target URL
 */
public record PostResult(Outcome outcome, @Nullable Integer httpStatus, @Nullable String error) {

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
    }

    /** Classifies the HTTP status a target answered with. */
    public static PostResult ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return new PostResult(Outcome.DELIVERED, status, null);
        }
        boolean retriable = status >= 500 || status == 408 || status == 425 || status == 429;
        return new PostResult(retriable ? Outcome.UNAVAILABLE : Outcome.REJECTED, status, "HTTP " + status);
    }

    /** The target could not be reached or did not answer in time. */
    public static PostResult unreachable(String error) {
        return new PostResult(Outcome.UNAVAILABLE, null, error);
    }

    /** Whether this outcome is final for the (event, target) pair: it will not be posted again. */
    public boolean isFinal() {
        return outcome != Outcome.UNAVAILABLE;
    }
}
