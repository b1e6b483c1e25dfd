package io.mooring.provisioner.resource.work;

import java.time.Duration;

/**
 * Exponential backoff: {@code initial × 2^(attempt-1)}, capped at {@code max}, then spread by ±20 %
 * so that operations failing together do not retry together.
 */
public record Backoff(Duration initial, Duration max) {
    static final double JITTER = 0.2;

    public Backoff {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive");
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff must be at least the initial backoff");
        }
    }

    /**
     * The wait after failed attempt number {@code attempt} (1 for the first).
     *
     * @param random a sample from [0, 1) choosing the spread
     */
    public Duration after(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random must be in [0, 1)");
        }
        long doublings = Math.min(attempt - 1, 40);
        double base = Math.min((double) max.toMillis(), initial.toMillis() * Math.pow(2, doublings));
        double spread = 1 - JITTER + 2 * JITTER * random;
        return Duration.ofMillis(Math.round(base * spread));
    }
}
