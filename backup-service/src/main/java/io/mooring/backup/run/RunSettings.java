package io.mooring.backup.run;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.UUID;

/** How runs, restores and verifications are executed: {@code mooring.backup.*}. */
@ConfigurationProperties("mooring.backup")
public class RunSettings {
    private int maxConcurrentRuns = 2;
    private Duration runTimeout = Duration.ofHours(6);
    private long bandwidthPerRun;
    private Duration heartbeatInterval = Duration.ofSeconds(10);
    private Duration staleAfter = Duration.ofMinutes(2);
    private Duration sweepInterval = Duration.ofMinutes(1);
    private Duration leaseTtl = Duration.ofMinutes(2);
    private int retryAttempts = 3;
    private Duration retryDelay = Duration.ofMinutes(1);
    private Duration retryMaxDelay = Duration.ofMinutes(15);
    private String verifySchedule = "30 4 * * *";
    private String instanceId = "backup-service-" + UUID.randomUUID();

    /** Runs, restores and verifications executing at once on this instance; more wait in line. */
    public int getMaxConcurrentRuns() {
        return maxConcurrentRuns;
    }

    public void setMaxConcurrentRuns(int maxConcurrentRuns) {
        if (maxConcurrentRuns < 1) {
            throw new IllegalArgumentException("mooring.backup.max-concurrent-runs must be at least 1");
        }
        this.maxConcurrentRuns = maxConcurrentRuns;
    }

    /** How long one run may execute (not counting its wait in line) before its writer is interrupted. */
    public Duration getRunTimeout() {
        return runTimeout;
    }

    public void setRunTimeout(Duration runTimeout) {
        this.runTimeout = runTimeout;
    }

    /** Upload cap of each run in bytes per second; 0 for none. */
    public long getBandwidthPerRun() {
        return bandwidthPerRun;
    }

    public void setBandwidthPerRun(long bandwidthPerRun) {
        if (bandwidthPerRun < 0) {
            throw new IllegalArgumentException("mooring.backup.bandwidth-per-run must not be negative");
        }
        this.bandwidthPerRun = bandwidthPerRun;
    }

    /** How often this instance records progress and that its runs are alive, and renews its leases. */
    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    /** A RUNNING run or restore without a heartbeat for this long belongs to a dead instance. */
    public Duration getStaleAfter() {
        return staleAfter;
    }

    public void setStaleAfter(Duration staleAfter) {
        this.staleAfter = staleAfter;
    }

    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    /** How long a schedule slot's lease lives in Redis without renewal. */
    public Duration getLeaseTtl() {
        return leaseTtl;
    }

    public void setLeaseTtl(Duration leaseTtl) {
        this.leaseTtl = leaseTtl;
    }

    /** Attempts per schedule slot, the first included. */
    public int getRetryAttempts() {
        return retryAttempts;
    }

    public void setRetryAttempts(int retryAttempts) {
        if (retryAttempts < 1) {
            throw new IllegalArgumentException("mooring.backup.retry-attempts must be at least 1");
        }
        this.retryAttempts = retryAttempts;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Duration getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(Duration retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    /** Five-field cron (UTC) at which the newest artifact of each database policy is verified. */
    public String getVerifySchedule() {
        return verifySchedule;
    }

    public void setVerifySchedule(String verifySchedule) {
        this.verifySchedule = verifySchedule;
    }

    /** This instance's name in {@code backup_run.owner_instance}; unique per process by default. */
    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }
}
