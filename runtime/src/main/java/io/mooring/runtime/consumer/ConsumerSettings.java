package io.mooring.runtime.consumer;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** How event consumers retry, give up and report a stuck partition, under {@code mooring.consumer}. */
@ConfigurationProperties("mooring.consumer")
public class ConsumerSettings {
    private int maxAttempts = 5;
    private Duration backoffInitial = Duration.ofMillis(200);
    private Duration backoffMax = Duration.ofSeconds(10);
    private Duration stuckAfter = Duration.ofMinutes(2);
    private boolean stuckFailsReadiness = false;

    /**
     * Attempts of a record whose failure is not transient (a bug-like exception) before it goes to
     * {@code <topic>.dlq}. Transient failures (store, network, broker) are retried without limit.
     */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("mooring.consumer.max-attempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    /** Pause of a failing partition after its first failure; it doubles per attempt up to {@link #getBackoffMax()}. */
    public Duration getBackoffInitial() {
        return backoffInitial;
    }

    public void setBackoffInitial(Duration backoffInitial) {
        this.backoffInitial = backoffInitial;
    }

    public Duration getBackoffMax() {
        return backoffMax;
    }

    public void setBackoffMax(Duration backoffMax) {
        this.backoffMax = backoffMax;
    }

    /** How long a partition may keep failing on one record before health calls it stuck. */
    public Duration getStuckAfter() {
        return stuckAfter;
    }

    public void setStuckAfter(Duration stuckAfter) {
        this.stuckAfter = stuckAfter;
    }

    /** Whether a stuck partition turns readiness DOWN; by default health only reports it. */
    public boolean isStuckFailsReadiness() {
        return stuckFailsReadiness;
    }

    public void setStuckFailsReadiness(boolean stuckFailsReadiness) {
        this.stuckFailsReadiness = stuckFailsReadiness;
    }
}
