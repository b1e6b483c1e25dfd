package io.mooring.provisioner.resource.work;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How resource operations are worked off ({@code mooring.provisioner.worker.*}). {@code lease} must
 * exceed the longest driver call (the drivers' own timeouts keep them well below the default): a
 * worker that dies holding an operation frees it when the lease ends.
 */
@ConfigurationProperties("mooring.provisioner.worker")
public class WorkerSettings {
    private boolean enabled = true;
    private int threads = 2;
    private Duration pollInterval = Duration.ofMillis(500);
    private Duration lease = Duration.ofMinutes(2);
    private int maxAttempts = 10;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(5);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, new Backoff(initialBackoff, maxBackoff));
    }
}
