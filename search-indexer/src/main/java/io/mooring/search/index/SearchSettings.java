package io.mooring.search.index;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.regex.Pattern;

/** How this service lays out its indices, under {@code mooring.search}. */
@ConfigurationProperties("mooring.search")
public class SearchSettings {
    private static final Pattern PREFIX = Pattern.compile("([a-z0-9][a-z0-9._-]*)?");

    private String indexPrefix = "";
    private int shards = 1;
    private int replicas = 1;
    private Duration refreshInterval = Duration.ofSeconds(1);
    private Duration bootstrapBackoffMax = Duration.ofSeconds(10);

    /**
     * Put before every index and alias name, e.g. {@code staging-} gives {@code staging-ops-events};
     * lets several deployments (or test classes) share one cluster. Empty by default.
     */
    public String getIndexPrefix() {
        return indexPrefix;
    }

    public void setIndexPrefix(String indexPrefix) {
        String prefix = indexPrefix == null ? "" : indexPrefix;
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("mooring.search.index-prefix must be lowercase letters, digits, '.', '_' or '-'"
                    + " and start with a letter or digit, was '" + indexPrefix + "'");
        }
        this.indexPrefix = prefix;
    }

    /** Primary shards of a newly created index. */
    public int getShards() {
        return shards;
    }

    public void setShards(int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("mooring.search.shards must be at least 1, was " + shards);
        }
        this.shards = shards;
    }

    /** Replicas of a newly created index (a single-node cluster stays yellow with 1, which is fine). */
    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("mooring.search.replicas must not be negative, was " + replicas);
        }
        this.replicas = replicas;
    }

    /** How soon an indexed document becomes searchable. */
    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    /** Longest pause between attempts to create indices while OpenSearch is unreachable. */
    public Duration getBootstrapBackoffMax() {
        return bootstrapBackoffMax;
    }

    public void setBootstrapBackoffMax(Duration bootstrapBackoffMax) {
        this.bootstrapBackoffMax = bootstrapBackoffMax;
    }
}
