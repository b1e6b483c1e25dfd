package io.mooring.search.opensearch;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.mooring.search.index.IndexBootstrap;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.cluster.HealthResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Part of readiness: UP when the cluster answers, is not red, and every index this service
 * writes exists behind its alias; DOWN otherwise (unreachable included).
 */
@Singleton
public class OpenSearchHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final OpenSearchClient client;
    private final OpenSearchSettings settings;
    private final IndexBootstrap indices;

    public OpenSearchHealthIndicator(OpenSearchClient client, OpenSearchSettings settings, IndexBootstrap indices) {
        this.client = client;
        this.settings = settings;
        this.indices = indices;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", settings.getUrl().toString());
        details.put("indices", indices.status());
        try {
            HealthResponse health = client.cluster().health(h -> h.timeout(t -> t.time("2s")));
            details.put("cluster", health.clusterName());
            details.put("status", health.status().jsonValue());
            boolean usable = health.status() != org.opensearch.client.opensearch._types.HealthStatus.Red;
            healthStatus = usable && indices.allReady() ? HealthStatus.UP : HealthStatus.DOWN;
        } catch (Exception e) {
            details.put("error", OpenSearchFailures.describe(e));
            healthStatus = HealthStatus.DOWN;
        }
        return details;
    }

    @Override
    protected String getName() {
        return "opensearch";
    }
}
