package io.mooring.provisioner.ratelimit;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-token request budget in fixed one-minute windows, counted in Redis (over TLS) so every
 * replica shares it: key {@code rl:<token fingerprint>:<window>}. When Redis does not answer
 * within {@code timeout}, requests pass (fail open) and the outage is logged once until it ends.
 */
@Singleton
public class RateLimiter {
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final Clock clock;
    private final int requestsPerMinute;
    private final Duration timeout;
    private final AtomicBoolean failing = new AtomicBoolean();

    public RateLimiter(BeanProvider<StatefulRedisConnection<String, String>> connection, Clock clock,
                       @Value("${mooring.provisioner.rate-limit.requests-per-minute:600}") int requestsPerMinute,
                       @Value("${mooring.provisioner.rate-limit.timeout:250ms}") Duration timeout) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("mooring.provisioner.rate-limit.requests-per-minute must be at least 1, was "
                    + requestsPerMinute);
        }
        this.connection = connection;
        this.clock = clock;
        this.requestsPerMinute = requestsPerMinute;
        this.timeout = timeout;
    }

    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    /**
     * Counts one request of {@code token}; returns the seconds until its window ends when it is over
     * budget, empty when it may go on (also when Redis does not answer).
     */
    public OptionalLong acquire(String token) {
        long nowMillis = clock.millis();
        long window = nowMillis / WINDOW.toMillis();
        long retryAfterMillis = (window + 1) * WINDOW.toMillis() - nowMillis;
        try {
            Long count = connection.get().async()
                    .<Long>eval(COUNT, ScriptOutputType.INTEGER, new String[]{"rl:" + token + ":" + window},
                            Long.toString(WINDOW.toMillis() + 1000))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (failing.compareAndSet(true, false)) {
                LOG.info("rate limits are enforced again: Redis answers");
            }
            return count > requestsPerMinute ? OptionalLong.of(Math.max(1, (retryAfterMillis + 999) / 1000)) : OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } catch (Exception e) {
            if (failing.compareAndSet(false, true)) {
                LOG.warn("rate limits are not enforced while Redis does not answer (failing open): {}", e.toString());
            }
            return OptionalLong.empty();
        }
    }
}
