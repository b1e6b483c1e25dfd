package io.mooring.search.index;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** How a reindex reads and writes, under {@code mooring.search.reindex}. */
@ConfigurationProperties("mooring.search.reindex")
public class ReindexSettings {
    private int batchSize = 1000;
    private double requestsPerSecond = 0;
    private Duration lease = Duration.ofSeconds(60);

    /** Documents read and written per batch of a {@code _reindex} pass. */
    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("mooring.search.reindex.batch-size must be 1 to 10000, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** Documents per second a pass may write, to spare a busy cluster; 0: as fast as OpenSearch goes. */
    public double getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public void setRequestsPerSecond(double requestsPerSecond) {
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("mooring.search.reindex.requests-per-second must be 0 or more, was " + requestsPerSecond);
        }
        this.requestsPerSecond = requestsPerSecond;
    }

    /**
     * How long a running reindex keeps its index to itself without renewing its lease (it renews every quarter of
     * it); past that, its replica is taken to be gone and another one takes the operation up.
     */
    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        if (lease == null || lease.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("mooring.search.reindex.lease must be at least 2s, was " + lease);
        }
        this.lease = lease;
    }
}
