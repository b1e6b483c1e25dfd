package io.mooring.chatops;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;

/** Settings of the relay under {@code mooring.chatops}; webhook targets are configured apart. */
@ConfigurationProperties("mooring.chatops")
public class ChatopsSettings {
    private String keyPrefix = "chatops";
    private Duration dedupeTtl = Duration.ofDays(7);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration readTimeout = Duration.ofSeconds(5);
    private boolean replayHistory;

    /** Prefix of every Redis key the relay writes, so several relays (or test classes) can share a Redis. */
    @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 letters, digits, dots, dashes or underscores")
    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    /** How long a delivered (event, target) pair is remembered: redeliveries within it are not posted again. */
    @NotNull
    public Duration getDedupeTtl() {
        return dedupeTtl;
    }

    public void setDedupeTtl(Duration dedupeTtl) {
        this.dedupeTtl = atLeastOneSecond(dedupeTtl, "dedupe-ttl");
    }

    @NotNull
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "connect-timeout");
    }

    /** The longest a target may take to answer a post before it counts as unavailable. */
    @NotNull
    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = positive(readTimeout, "read-timeout");
    }

    /**
     * Whether a target also gets the events from before the relay first saw it (as far back as the relay
     * reads: a new consumer group reads each topic from its start). Off by default: a new target
     * starts with the events that happen once it is added.
     */
    public boolean isReplayHistory() {
        return replayHistory;
    }

    public void setReplayHistory(boolean replayHistory) {
        this.replayHistory = replayHistory;
    }

    private static Duration positive(Duration value, String name) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("mooring.chatops." + name + " must be positive, was " + value);
        }
        return value;
    }

    private static Duration atLeastOneSecond(Duration value, String name) {
        if (value != null && value.toSeconds() < 1) {
            throw new IllegalArgumentException("mooring.chatops." + name + " must be at least one second, was " + value);
        }
        return value;
    }
}
