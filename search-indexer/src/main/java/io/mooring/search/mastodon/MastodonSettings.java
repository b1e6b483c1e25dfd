package io.mooring.search.mastodon;

import io.micronaut.context.annotation.ConfigurationProperties;


/** Limits of the Mastodon webhook, under {@code mooring.search.mastodon}. */
@ConfigurationProperties("mooring.search.mastodon")
public class MastodonSettings {
    private int maxBodyBytes = 1_048_576;

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

}
