package io.mooring.chatops.queue;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/** How the per-target queues are drained, under {@code mooring.chatops.delivery}. */
@ConfigurationProperties("mooring.chatops.delivery")
public class DeliverySettings {
    private Duration giveUpAfter = Duration.ofHours(24);
    private double ratePerSecond = 1;
    private int burst = 3;
    private Duration groupWait = Duration.ofSeconds(10);
    private Duration backoffInitial = Duration.ofSeconds(1);
    private Duration backoffMax = Duration.ofMinutes(5);
    private Duration leaseTtl = Duration.ofSeconds(30);

    /** How long after it was queued a message that a target keeps not taking is recorded as failed and dropped. */
    @NotNull
    public Duration getGiveUpAfter() {
        return giveUpAfter;
    }

    public void setGiveUpAfter(Duration giveUpAfter) {
        this.giveUpAfter = positive(giveUpAfter, "give-up-after");
    }

    /** Posts per second to one target (Slack asks for at most one). */
    public double getRatePerSecond() {
        return ratePerSecond;
    }

    public void setRatePerSecond(double ratePerSecond) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("mooring.chatops.delivery.rate-per-second must be positive, was " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
    }

    /** Posts a target may get at once after a quiet while, before the rate applies. */
    public int getBurst() {
        return burst;
    }

    public void setBurst(int burst) {
        if (burst < 1) {
            throw new IllegalArgumentException("mooring.chatops.delivery.burst must be at least 1, was " + burst);
        }
        this.burst = burst;
    }

    /** How long events of one group queued for a target are gathered into one message; zero turns grouping off. */
    @NotNull
    public Duration getGroupWait() {
        return groupWait;
    }

    public void setGroupWait(Duration groupWait) {
        if (groupWait != null && groupWait.isNegative()) {
            throw new IllegalArgumentException("mooring.chatops.delivery.group-wait must not be negative, was " + groupWait);
        }
        this.groupWait = groupWait;
    }

    @NotNull
    public Duration getBackoffInitial() {
        return backoffInitial;
    }

    public void setBackoffInitial(Duration backoffInitial) {
        this.backoffInitial = positive(backoffInitial, "backoff-initial");
    }

    /** The longest pause between two posts of a message to an unavailable target, {@code Retry-After} included. */
    @NotNull
    public Duration getBackoffMax() {
        return backoffMax;
    }

    public void setBackoffMax(Duration backoffMax) {
        this.backoffMax = positive(backoffMax, "backoff-max");
    }

    /** How long a relay's claim to drain a target lasts unless renewed: a relay that dies frees its targets after it. */
    @NotNull
    public Duration getLeaseTtl() {
        return leaseTtl;
    }

    public void setLeaseTtl(Duration leaseTtl) {
        this.leaseTtl = positive(leaseTtl, "lease-ttl");
    }

    private static Duration positive(Duration value, String name) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("mooring.chatops.delivery." + name + " must be positive, was " + value);
        }
        return value;
    }
}
