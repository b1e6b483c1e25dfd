package io.mooring.monitor.heartbeat;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.mooring.monitor.schedule.SchedulerSettings;
import io.mooring.runtime.redis.RedisRateLimits;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * At most one recorded check-in per token per {@code mooring.heartbeats.min-check-in-interval}, shared by every
 * replica through Redis: key {@code <redis-prefix>check-in:<token digest>} (never the token) holding when the last
 * check-in was accepted. When Redis does not answer within {@code mooring.heartbeats.check-in-limit-timeout}, or the
 * service has no Redis, check-ins are recorded unlimited (fail open: a job's check-in matters more than the limit),
 * logged once until Redis answers again.
 */
@Singleton
public class CheckInLimiter {
    private final RedisRateLimits limits;
    private final String prefix;
    private final Duration window;

    @Inject
    public CheckInLimiter(BeanProvider<StatefulRedisConnection<String, String>> redis, SchedulerSettings scheduler,
                          Clock clock, @Value("${mooring.heartbeats.min-check-in-interval:1s}") Duration window,
                          @Value("${mooring.heartbeats.check-in-limit-timeout:250ms}") Duration timeout) {
        this(redis::get, scheduler.getRedisPrefix(), clock, window, timeout);
    }

    /** A limiter on {@code redis} with keys under {@code prefix}; replicas share it when they share both. */
    public CheckInLimiter(Supplier<StatefulRedisConnection<String, String>> redis, String prefix, Clock clock,
                          Duration window, Duration timeout) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("mooring.heartbeats.min-check-in-interval must be positive, was " + window);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("mooring.heartbeats.check-in-limit-timeout must be positive, was " + timeout);
        }
        this.limits = new RedisRateLimits(redis, clock, timeout, "heartbeat check-in limits");
        this.prefix = prefix;
        this.window = window;
    }

    /** Empty when this check-in may be recorded (also when Redis does not answer); otherwise the seconds to wait (at least 1). */
    public OptionalLong acquire(String tokenDigest) {
        return limits.oncePer(prefix + "check-in:" + tokenDigest, window);
    }

    public Duration window() {
        return window;
    }
}
