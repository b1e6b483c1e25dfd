package io.mooring.provisioner.resource;

import io.mooring.events.provisioning.ResourceKind;

import java.util.UUID;

/** An account's state and what its plan allows it to own. */
public record AccountQuota(UUID accountId, String state, String plan, int maxDatabases, int maxRedis, int maxBuckets,
                           int maxSites, int dbConnectionLimit) {

    /** A plan limit, named as its column in {@code plan}. */
    public record Limit(String name, int value) {
    }

    public boolean ready() {
        return "READY".equals(state);
    }

    public Limit limit(ResourceKind kind) {
        return switch (kind) {
            case POSTGRES_DATABASE -> new Limit("max_databases", maxDatabases);
            case REDIS_NAMESPACE -> new Limit("max_redis", maxRedis);
            case BUCKET -> new Limit("max_buckets", maxBuckets);
            case SITE -> new Limit("max_sites", maxSites);
        };
    }
}
