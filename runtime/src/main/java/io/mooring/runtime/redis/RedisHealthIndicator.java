package io.mooring.runtime.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.mooring.runtime.store.BoundedProbe;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.util.Map;

/** Reports DOWN while Redis does not answer PING over TLS within {@code mooring.redis.health-timeout} (1 s). */
@Singleton
@Requires(property = "mooring.redis.uri")
public class RedisHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final BoundedProbe<String> probe;

    public RedisHealthIndicator(Provider<StatefulRedisConnection<String, String>> connection, RedisSettings settings) {
        // the connection itself is made inside the probe: connecting to a frozen server must not block /health
        this.probe = new BoundedProbe<>("redis", settings.getHealthTimeout(), () -> connection.get().sync().ping());
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        try {
            String pong = probe.run();
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
