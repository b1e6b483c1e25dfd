package io.mooring.runtime.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Map;

/**
 * Reports DOWN while the service's Postgres does not answer within {@code mooring.pg.health-timeout}
 * (1 s): a pooled connection must prove valid in that time. Replaces Micronaut's JDBC indicator, which
 * waits as long as the pool does.
 */
@Singleton
@Requires(beans = DataSource.class)
public class PostgresHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final BoundedProbe<Boolean> probe;

    public PostgresHealthIndicator(DataSource dataSource, PostgresSettings settings) {
        DataSource raw = DelegatingDataSource.unwrapDataSource(dataSource);
        int seconds = (int) Math.max(1, settings.getHealthTimeout().toSeconds());
        this.probe = new BoundedProbe<>("postgres", settings.getHealthTimeout(), () -> {
            try (Connection connection = raw.getConnection()) {
                return connection.isValid(seconds);
            }
        });
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        try {
            boolean valid = probe.run();
            healthStatus = valid ? HealthStatus.UP : HealthStatus.DOWN;
            return Map.of("database", "postgres", "valid", valid);
        } catch (Exception e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("database", "postgres", "error", String.valueOf(e.getMessage()));
        }
    }

    @Override
    protected String getName() {
        return "postgres";
    }
}
