package io.mooring.runtime.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Leases in Redis that let one replica at a time do a piece of work: {@code SET key token NX PX ttl}, renewed and
 * released only by their holder (compare-and-renew and compare-and-delete Lua scripts), so a lease that expired and was
 * taken by another replica is never extended or removed by the first. ShedLock has no Lettuce provider on Maven
 * Central, hence these few lines. Redis errors propagate.
 */
public final class RedisLeases {
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""";

    private final Supplier<RedisCommands<String, String>> redis;
    private final String prefix;
    private final Duration ttl;

    /** Leases named {@code prefix + name}, each held for {@code ttl} unless renewed. */
    public RedisLeases(Supplier<RedisCommands<String, String>> redis, String prefix, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease's ttl must be positive");
        }
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
    }

    /** A lease held by this process. */
    public record Lease(String key, String token) {
    }

    public Duration ttl() {
        return ttl;
    }

    /** The lease on {@code name}, or null if another holder has it. */
    public Lease tryAcquire(String name) {
        Lease lease = new Lease(prefix + name, UUID.randomUUID().toString());
        String ok = redis.get().set(lease.key(), lease.token(), SetArgs.Builder.nx().px(ttl.toMillis()));
        return "OK".equals(ok) ? lease : null;
    }

    /** Extends the lease by the ttl; false if it is no longer ours. */
    public boolean renew(Lease lease) {
        Long renewed = redis.get().eval(RENEW, ScriptOutputType.INTEGER, new String[] {lease.key()}, lease.token(),
                Long.toString(ttl.toMillis()));
        return renewed != null && renewed == 1;
    }

    /** Gives the lease up if it is still ours. */
    public void release(Lease lease) {
        redis.get().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {lease.key()}, lease.token());
    }
}
