package io.mooring.backup.run;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.mooring.runtime.redis.RedisLeases;
import jakarta.inject.Singleton;


/**
 * The schedule's leases in Redis (over TLS, like every Redis connection of the platform): one replica at a time works on
 * a schedule slot ({@link RedisLeases}).
 */
@Singleton
@Requires(beans = StatefulRedisConnection.class)
public class SlotLeases {
    static final String PREFIX = "mooring:backup:lease:";

    private final RedisLeases leases;

    // connected at first use, not at start: Redis slow or away while the service starts must not keep the scheduler
    // from being created (its checks fail and are tried again instead)
    SlotLeases(BeanProvider<StatefulRedisConnection<String, String>> redis, RunSettings settings) {
        this.leases = new RedisLeases(() -> redis.get().sync(), PREFIX, settings.getLeaseTtl());
    }

    /** The lease on {@code name}, or null if another holder has it. Redis errors propagate. */
    public RedisLeases.Lease tryAcquire(String name) {
        return leases.tryAcquire(name);
    }

    /** Extends the lease by the ttl; false if it is no longer ours. */
    public boolean renew(RedisLeases.Lease lease) {
        return leases.renew(lease);
    }

    /** Gives the lease up if it is still ours. */
    public void release(RedisLeases.Lease lease) {
        leases.release(lease);
    }
}
