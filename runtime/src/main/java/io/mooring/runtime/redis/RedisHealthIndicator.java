package io.mooring.runtime.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reports DOWN while Redis does not answer PING over TLS. */
@Singleton
@Requires(property = "mooring.redis.uri")
public class RedisHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final Provider<StatefulRedisConnection<String, String>> connection;

    public RedisHealthIndicator(Provider<StatefulRedisConnection<String, String>> connection) {
        this.connection = connection;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        try {
            String pong = connection.get().async().ping().get(2, TimeUnit.SECONDS);
            healthStatus = "PONG".equals(pong) ? HealthStatus.UP : HealthStatus.DOWN;
            return Map.of("ping", pong);
        } catch (Exception e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    @Override
    protected String getName() {
        return "redis";
    }
}
