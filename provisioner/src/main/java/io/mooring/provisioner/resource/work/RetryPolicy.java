package io.mooring.provisioner.resource.work;

import java.time.Duration;
import java.time.Instant;

/** Decides what happens after a failed attempt: try again later, or give up with the reason. */
public record RetryPolicy(int maxAttempts, Backoff backoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** What to do about a failure. */
    public sealed interface Decision permits Retry, GiveUp {
    }

    public record Retry(Instant at) implements Decision {
    }

    public record GiveUp(String reason) implements Decision {
    }

    /**
     * @param attempt   the attempt that failed (1 for the first)
     * @param retriable whether the failure may go away by itself
     * @param random    a sample from [0, 1) for the backoff's spread
     */
    public Decision after(int attempt, boolean retriable, String reason, Instant now, double random) {
        if (!retriable) {
            return new GiveUp(reason);
        }
        if (attempt >= maxAttempts) {
            return new GiveUp("gave up after " + attempt + " attempts: " + reason);
        }
        Duration wait = backoff.after(attempt, random);
        return new Retry(now.plus(wait));
    }
}
