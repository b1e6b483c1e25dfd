package io.mooring.search.mastodon;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Limits of the Mastodon webhook, under {@code mooring.search.mastodon}. */
@ConfigurationProperties("mooring.search.mastodon")
public class MastodonSettings {
    private int maxBodyBytes = 1_048_576;
    private Duration sendTimeout = Duration.ofSeconds(10);

    /** The largest webhook body accepted; a larger one is a 413. */
    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("mooring.search.mastodon.max-body-bytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /** How long a delivery waits for Kafka to acknowledge its events before answering 503. */
    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }
}
