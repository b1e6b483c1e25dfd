package io.mooring.runtime.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Rate limits kept in Redis, so that every replica of a service shares them. Time is the caller's {@link Clock}
 * (Redis's own expiry only cleans up). When Redis does not answer within {@code timeout}, or is not configured (the
 * supplier throws), the event passes: the limit fails open rather than refusing work, and the outage is logged once
 * until Redis answers again. Each answer is the wait in whole seconds (at least 1), as a {@code Retry-After} says it.
 */
public final class RedisRateLimits {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimits.class);
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""";
    /** The last accepted time (the caller's clock, ms) under the key; a newer one within the interval waits. */
    private static final String ONCE = """
            local now = tonumber(ARGV[1])
            local interval = tonumber(ARGV[2])
            local last = redis.call('GET', KEYS[1])
            if last then
              local elapsed = now - tonumber(last)
              if elapsed < interval then return math.min(interval, interval - elapsed) end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 0""";

    private final Supplier<StatefulRedisConnection<String, String>> connection;
    private final Clock clock;
    private final Duration timeout;
    private final String what;
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * @param what what is limited, for the log: {@code rate limits}, {@code heartbeat check-in limits}
     */
    public RedisRateLimits(Supplier<StatefulRedisConnection<String, String>> connection, Clock clock, Duration timeout,
                           String what) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout of " + what + " must be positive, was " + timeout);
        }
        this.connection = connection;
        this.clock = clock;
        this.timeout = timeout;
        this.what = what;
    }

    /**
     * Counts one event of {@code key} in the current fixed window of length {@code window} (Redis key
     * {@code <key>:<window number>}); the wait until the window ends once more than {@code limit} were counted in it,
     * empty otherwise.
     */
    public OptionalLong countInWindow(String key, long limit, Duration window) {
        long now = clock.millis();
        long number = now / window.toMillis();
        long untilNext = (number + 1) * window.toMillis() - now;
        Long count = run(COUNT, key + ":" + number, Long.toString(window.toMillis() + 1000));
        return count == null || count <= limit ? OptionalLong.empty() : OptionalLong.of(seconds(untilNext));
    }

    /**
     * At most one event of {@code key} per {@code interval}: empty when none was accepted within the interval before
     * now (this one is then recorded), otherwise the wait until the last one's interval is over.
     */
    public OptionalLong oncePer(String key, Duration interval) {
        Long wait = run(ONCE, key, Long.toString(clock.millis()), Long.toString(interval.toMillis()));
        return wait == null || wait <= 0 ? OptionalLong.empty() : OptionalLong.of(seconds(wait));
    }

    /** The script's answer, or null when Redis did not give one in time. */
    private Long run(String script, String key, String... arguments) {
        try {
            Long answer = connection.get().async()
                    .<Long>eval(script, ScriptOutputType.INTEGER, new String[] {key}, arguments)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (failing.compareAndSet(true, false)) {
                LOG.info("{} are enforced again: Redis answers", what);
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            if (failing.compareAndSet(false, true)) {
                LOG.warn("{} are not enforced while Redis does not answer (failing open): {}", what, e.toString());
            }
            return null;
        }
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
