package io.mooring.chatops.queue;

import java.util.function.LongSupplier;

/**
 * A token bucket for one target's posts: {@code burst} tokens at most, refilled at {@code ratePerSecond}. Used by the
 * single worker that drains the target, so it needs no locking.
 */
final class TokenBucket {
    private final double ratePerNano;
    private final double capacity;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, int burst, LongSupplier nanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = burst;
        this.nanos = nanos;
        this.tokens = burst;
        this.last = nanos.getAsLong();
    }

    /** Takes a token and answers 0, or answers how many nanoseconds to wait for the next one (taking nothing). */
    long tryTake() {
        long now = nanos.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano));
    }
}
