package io.mooring.runtime.consumer;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the partitions a consumer has been stuck on for {@code mooring.consumer.stuck-after}. The
 * status stays UP with {@code state: DEGRADED} (a working API should not leave the load balancer
 * over one stuck consumer) unless {@code mooring.consumer.stuck-fails-readiness} asks for DOWN.
 */
@Singleton
public class ConsumerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final EventConsumers consumers;
    private final ConsumerSettings settings;

    public ConsumerHealthIndicator(EventConsumers consumers, ConsumerSettings settings) {
        this.consumers = consumers;
        this.settings = settings;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        List<StuckPartition> stuck = consumers.stuck();
        healthStatus = !stuck.isEmpty() && settings.isStuckFailsReadiness() ? HealthStatus.DOWN : HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", stuck.isEmpty() ? "OK" : "DEGRADED");
        details.put("groups", consumers.groups());
        details.put("stuck", stuck.stream().map(ConsumerHealthIndicator::describe).toList());
        return details;
    }

    private static Map<String, Object> describe(StuckPartition p) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("group", p.group());
        detail.put("partition", p.topic() + "-" + p.partition());
        detail.put("offset", p.offset());
        detail.put("attempts", p.attempts());
        detail.put("since", p.since().toString());
        detail.put("error", p.error());
        return detail;
    }

    @Override
    protected String getName() {
        return "consumers";
    }
}
