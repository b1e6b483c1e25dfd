package io.mooring.backup.run;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.mooring.runtime.redis.RedisLeases;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The schedule's leases in Redis (over TLS, like every Redis connection of the platform): one replica at a time works on
 * a schedule slot or a verification ({@link RedisLeases}, bean {@value #NAME}).
 */
@Factory
class SlotLeases {
    static final String NAME = "backup-slots";
    static final String PREFIX = "mooring:backup:lease:";

    // connected at first use, not at start: Redis slow or away while the service starts must not keep the scheduler
    // from being created (its checks fail and are tried again instead)
    @Singleton
    @Named(NAME)
    @Requires(beans = StatefulRedisConnection.class)
    RedisLeases slotLeases(BeanProvider<StatefulRedisConnection<String, String>> redis, RunSettings settings) {
        return new RedisLeases(() -> redis.get().sync(), PREFIX, settings.getLeaseTtl());
    }
}
