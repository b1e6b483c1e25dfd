package io.mooring.chatops.channel;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/** Settings of the chat messages under {@code mooring.chatops.channels}: links and threads. */
@ConfigurationProperties("mooring.chatops.channels")
public class ChannelSettings {
    private String statusPageUrl;
    private String apiBaseUrl;
    private Duration threadTtl = Duration.ofDays(30);

    /** Nullable: the public status page, linked from monitor and incident messages. */
    @Nullable
    public String getStatusPageUrl() {
        return statusPageUrl;
    }

    public void setStatusPageUrl(@Nullable String statusPageUrl) {
        this.statusPageUrl = statusPageUrl;
    }

    /** Nullable: the platform API's base URL, e.g. {@code https://api.example.org}: messages link the resource. */
    @Nullable
    public String getApiBaseUrl() {
        return apiBaseUrl;
    }

    public void setApiBaseUrl(@Nullable String apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl;
    }

    /** How long the opening message of an incident is remembered, so its resolution replies in its thread. */
    @NotNull
    public Duration getThreadTtl() {
        return threadTtl;
    }

    public void setThreadTtl(Duration threadTtl) {
        this.threadTtl = threadTtl;
    }
}
