package io.mooring.backup.run;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.UUID;

/**
 * Leases in Redis (over TLS, like every Redis connection of the platform) that let one replica at a time work on a
 * schedule slot: {@code SET key token NX PX ttl}, renewed and released only by their holder (compare-and-renew and
 * compare-and-delete Lua scripts), so a lease that expired and was taken by another replica is never extended or
 * removed by the first. ShedLock has no Lettuce provider on Maven Central, hence these few lines.
 */
@Singleton
@Requires(beans = StatefulRedisConnection.class)
public class SlotLeases {
    static final String PREFIX = "mooring:backup:lease:";
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

    // connected at first use, not at start: Redis slow or away while the service starts must not keep the scheduler
    // from being created (its checks fail and are tried again instead)
    private final BeanProvider<StatefulRedisConnection<String, String>> redis;
    private final Duration ttl;

    SlotLeases(BeanProvider<StatefulRedisConnection<String, String>> redis, RunSettings settings) {
        this.redis = redis;
        this.ttl = settings.getLeaseTtl();
    }

    /** A lease held by this process. */
    public record Lease(String key, String token) {
    }

    /** The lease on {@code name}, or null if another holder has it. Redis errors propagate. */
    public Lease tryAcquire(String name) {
        Lease lease = new Lease(PREFIX + name, UUID.randomUUID().toString());
        String ok = redis.get().sync().set(lease.key(), lease.token(), SetArgs.Builder.nx().px(ttl.toMillis()));
        return "OK".equals(ok) ? lease : null;
    }

    /** Extends the lease by the ttl; false if it is no longer ours. */
    public boolean renew(Lease lease) {
        Long renewed = redis.get().sync().eval(RENEW, ScriptOutputType.INTEGER, new String[] {lease.key()}, lease.token(),
                Long.toString(ttl.toMillis()));
        return renewed != null && renewed == 1;
    }

    /** Gives the lease up if it is still ours. */
    public void release(Lease lease) {
        redis.get().sync().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {lease.key()}, lease.token());
    }
}
