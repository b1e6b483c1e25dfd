package io.mooring.provisioner.ratelimit;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.mooring.runtime.redis.RedisRateLimits;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Per-token request budget in fixed one-minute windows, counted in Redis (over TLS) so every
 * replica shares it: key {@code rl:<token fingerprint>:<window>}. When Redis does not answer
 * within {@code timeout}, requests pass (fail open) and the outage is logged once until it ends
 * (see {@link RedisRateLimits}).
 */
@Singleton
public class RateLimiter {
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final RedisRateLimits limits;
    private final int requestsPerMinute;

    public RateLimiter(BeanProvider<StatefulRedisConnection<String, String>> connection, Clock clock,
                       @Value("${mooring.provisioner.rate-limit.requests-per-minute:600}") int requestsPerMinute,
                       @Value("${mooring.provisioner.rate-limit.timeout:250ms}") Duration timeout) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("mooring.provisioner.rate-limit.requests-per-minute must be at least 1, was "
                    + requestsPerMinute);
        }
        this.limits = new RedisRateLimits(connection::get, clock, timeout, "rate limits");
        this.requestsPerMinute = requestsPerMinute;
    }

    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    /**
     * Counts one request of {@code token}; returns the seconds until its window ends when it is over
     * budget, empty when it may go on (also when Redis does not answer).
     */
    public OptionalLong acquire(String token) {
        return limits.countInWindow("rl:" + token, requestsPerMinute, WINDOW);
    }
}
