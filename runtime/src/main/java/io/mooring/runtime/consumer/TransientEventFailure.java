package io.mooring.runtime.consumer;

import java.time.Duration;
import java.util.Optional;

/**
 * Something the event needs is not available yet (a target, an index being created): the consumer
 * retries the event with backoff, without limit, and nothing after it on that partition is applied first.
 * A failure may say when to try again ({@link #retryAfter()}, e.g. an HTTP {@code Retry-After}): the partition
 * then waits at least that long, at most {@code mooring.consumer.backoff-max}.
 */
public class TransientEventFailure extends Exception {
    private final Duration retryAfter;

    public TransientEventFailure(String message) {
        this(message, (Duration) null);
    }

    public TransientEventFailure(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
    }

    /** @param retryAfter nullable: how long the unavailable party asked to be left alone */
    public TransientEventFailure(String message, Duration retryAfter) {
        super(message);
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /** How long to wait before trying again, when the failure says; the consumer's backoff applies otherwise. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
