package io.mooring.search.indexing;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** How the indexing engine batches and retries, under {@code mooring.search.indexing}. */
@ConfigurationProperties("mooring.search.indexing")
public class IndexingSettings {
    private int batchCount = 4000;
    private int batchBytes = 8 * 1024 * 1024;
    private Duration linger = Duration.ofMillis(200);
    private int bulkActions = 2000;
    private int bulkBytes = 4 * 1024 * 1024;
    private int maxInFlight = 4;
    private boolean partitionsInParallel = true;
    private boolean combineAuthorUpdates = true;
    private Duration retryInitial = Duration.ofMillis(100);
    private Duration retryMax = Duration.ofSeconds(5);
    private Duration retryFor = Duration.ofSeconds(15);

    /** Most records in one batch (the consumer's {@code max.poll.records}). */
    public int getBatchCount() {
        return batchCount;
    }

    public void setBatchCount(int batchCount) {
        this.batchCount = positive(batchCount, "batch-count");
    }

    /**
     * Most bytes of records fetched at once (the consumer's {@code fetch.max.bytes} and
     * {@code max.partition.fetch.bytes}), and how many the broker waits for ({@code fetch.min.bytes}).
     */
    public int getBatchBytes() {
        return batchBytes;
    }

    public void setBatchBytes(int batchBytes) {
        this.batchBytes = positive(batchBytes, "batch-bytes");
    }

    /** Longest wait for a batch to fill ({@code fetch.max.wait.ms}). */
    public Duration getLinger() {
        return linger;
    }

    public void setLinger(Duration linger) {
        this.linger = linger;
    }

    /** Most operations in one {@code _bulk} request. */
    public int getBulkActions() {
        return bulkActions;
    }

    public void setBulkActions(int bulkActions) {
        this.bulkActions = positive(bulkActions, "bulk-actions");
    }

    /** Most (estimated) bytes of documents in one {@code _bulk} request. */
    public int getBulkBytes() {
        return bulkBytes;
    }

    public void setBulkBytes(int bulkBytes) {
        this.bulkBytes = positive(bulkBytes, "bulk-bytes");
    }

    /** Most {@code _bulk} requests in flight at once. */
    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = positive(maxInFlight, "max-in-flight");
    }

    /**
     * Whether batches of different partitions are indexed at once (each partition still one batch at a
     * time, in order); false: one batch at a time on the consumer's thread.
     */
    public boolean isPartitionsInParallel() {
        return partitionsInParallel;
    }

    public void setPartitionsInParallel(boolean partitionsInParallel) {
        this.partitionsInParallel = partitionsInParallel;
    }

    /**
     * Whether the author updates of a batch's status events are sent as one update per author (the
     * same outcome, fewer operations); false: one per status event, as earlier versions did, kept to
     * measure the difference.
     */
    public boolean isCombineAuthorUpdates() {
        return combineAuthorUpdates;
    }

    public void setCombineAuthorUpdates(boolean combineAuthorUpdates) {
        this.combineAuthorUpdates = combineAuthorUpdates;
    }

    /** First pause before failed items (429, 5xx, OpenSearch away) are sent again; doubles each time. */
    public Duration getRetryInitial() {
        return retryInitial;
    }

    public void setRetryInitial(Duration retryInitial) {
        this.retryInitial = retryInitial;
    }

    /** Longest pause between two retries of failed items. */
    public Duration getRetryMax() {
        return retryMax;
    }

    public void setRetryMax(Duration retryMax) {
        this.retryMax = retryMax;
    }

    /**
     * How long failed items are retried within a batch; after that the batch is handed back to the
     * consumer, which pauses the partition (with its own backoff) and reads it again from the first
     * item not yet stored.
     */
    public Duration getRetryFor() {
        return retryFor;
    }

    public void setRetryFor(Duration retryFor) {
        this.retryFor = retryFor;
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException("mooring.search.indexing." + name + " must be at least 1, was " + value);
        }
        return value;
    }
}
