package io.mooring.monitor.heartbeat;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one recorded check-in per token per {@code mooring.heartbeats.min-check-in-interval}, in
 * this process (each replica counts its own). Keyed by the token's digest, never the token.
 */
@Singleton
public class CheckInLimiter {
    /** Past this many tokens remembered, those whose window is over are forgotten. */
    private static final int SWEEP_ABOVE = 10_000;

    private final Clock clock;
    private final long windowMillis;
    private final Map<String, Long> lastAccepted = new ConcurrentHashMap<>();

    public CheckInLimiter(Clock clock, @Value("${mooring.heartbeats.min-check-in-interval:1s}") Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("mooring.heartbeats.min-check-in-interval must be positive");
        }
        this.clock = clock;
        this.windowMillis = window.toMillis();
    }

    /** Empty when this check-in may be recorded; otherwise the seconds to wait (at least 1). */
    public OptionalLong acquire(String tokenDigest) {
        long now = clock.millis();
        if (lastAccepted.size() > SWEEP_ABOVE) {
            lastAccepted.values().removeIf(at -> now - at >= windowMillis);
        }
        long[] wait = {0};
        lastAccepted.compute(tokenDigest, (key, at) -> {
            if (at != null && now - at < windowMillis) {
                wait[0] = windowMillis - (now - at);
                return at;
            }
            return now;
        });
        return wait[0] == 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, (wait[0] + 999) / 1000));
    }

    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }
}
