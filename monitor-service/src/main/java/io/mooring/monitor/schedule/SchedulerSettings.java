package io.mooring.monitor.schedule;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** How the checks run, under {@code mooring.scheduler}. */
@ConfigurationProperties("mooring.scheduler")
public class SchedulerSettings {
    private boolean enabled = true;
    private int maxConcurrentChecks = 500;
    private int claimBatch = 500;
    private int resultBatch = 200;
    private Duration tick = Duration.ofMillis(250);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private List<Path> caFiles = List.of();
    private String redisPrefix = "mooring:monitor:";
    private Duration syncInterval = Duration.ofMinutes(1);
    private Duration writerLeaseTtl = Duration.ofSeconds(15);
    private long maxPendingResults = 500_000;

    /** False: this replica runs no checks (the API still works). */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Checks in flight at once; due checks beyond this wait (and their lag shows it). */
    public int getMaxConcurrentChecks() {
        return maxConcurrentChecks;
    }

    public void setMaxConcurrentChecks(int maxConcurrentChecks) {
        if (maxConcurrentChecks < 1) {
            throw new IllegalArgumentException("mooring.scheduler.max-concurrent-checks must be at least 1");
        }
        this.maxConcurrentChecks = maxConcurrentChecks;
    }

    /** Most monitors claimed by one query. */
    public int getClaimBatch() {
        return claimBatch;
    }

    public void setClaimBatch(int claimBatch) {
        if (claimBatch < 1) {
            throw new IllegalArgumentException("mooring.scheduler.claim-batch must be at least 1");
        }
        this.claimBatch = claimBatch;
    }

    /** Most check results written in one transaction. */
    public int getResultBatch() {
        return resultBatch;
    }

    public void setResultBatch(int resultBatch) {
        if (resultBatch < 1) {
            throw new IllegalArgumentException("mooring.scheduler.result-batch must be at least 1");
        }
        this.resultBatch = resultBatch;
    }

    /** How often the schedule is polled when nothing more is due. */
    public Duration getTick() {
        return tick;
    }

    public void setTick(Duration tick) {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("mooring.scheduler.tick must be positive");
        }
        this.tick = tick;
    }

    /** Longest wait for an HTTP connection; each check's own timeout bounds the whole check. */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** PEM files of CAs trusted besides the JDK's, for targets with certificates of a private CA. */
    public List<Path> getCaFiles() {
        return caFiles;
    }

    public void setCaFiles(List<Path> caFiles) {
        this.caFiles = List.copyOf(caFiles);
    }

    /** The prefix of the schedule's keys in Redis (its due queue, check definitions and results stream). */
    public String getRedisPrefix() {
        return redisPrefix;
    }

    public void setRedisPrefix(String redisPrefix) {
        if (redisPrefix == null || redisPrefix.isBlank()) {
            throw new IllegalArgumentException("mooring.scheduler.redis-prefix must not be blank");
        }
        this.redisPrefix = redisPrefix;
    }

    /** How often the schedule in Redis is compared with the monitors in Postgres and repaired. */
    public Duration getSyncInterval() {
        return syncInterval;
    }

    public void setSyncInterval(Duration syncInterval) {
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("mooring.scheduler.sync-interval must be positive");
        }
        this.syncInterval = syncInterval;
    }

    /** How long the results writer's lease lasts unless renewed: a dead writer's successor starts within it. */
    public Duration getWriterLeaseTtl() {
        return writerLeaseTtl;
    }

    public void setWriterLeaseTtl(Duration writerLeaseTtl) {
        if (writerLeaseTtl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("mooring.scheduler.writer-lease-ttl must be at least 1s");
        }
        this.writerLeaseTtl = writerLeaseTtl;
    }

    /** Results waiting in Redis for Postgres beyond which no more checks are claimed (checks wait, none is lost). */
    public long getMaxPendingResults() {
        return maxPendingResults;
    }

    public void setMaxPendingResults(long maxPendingResults) {
        if (maxPendingResults < 1) {
            throw new IllegalArgumentException("mooring.scheduler.max-pending-results must be at least 1");
        }
        this.maxPendingResults = maxPendingResults;
    }
}
