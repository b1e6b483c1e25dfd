package io.mooring.runtime.kafka;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reports DOWN while no broker answers; part of readiness. */
@Singleton
public class KafkaHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final KafkaClients clients;
    private volatile Admin admin;

    public KafkaHealthIndicator(KafkaClients clients) {
        this.clients = clients;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        try {
            var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(2_000));
            int nodes = cluster.nodes().get(2, TimeUnit.SECONDS).size();
            healthStatus = nodes > 0 ? HealthStatus.UP : HealthStatus.DOWN;
            return Map.of("bootstrap", clients.settings().getBootstrap(), "brokers", nodes);
        } catch (Exception e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("bootstrap", clients.settings().getBootstrap(), "error", String.valueOf(e.getMessage()));
        }
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = clients.admin();
                }
                current = admin;
            }
        }
        return current;
    }

    @Override
    protected String getName() {
        return "kafka";
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
