package io.mooring.chatops.command;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.util.List;

/**
 * Slash commands, under {@code mooring.chatops.commands}: the Slack app's signing secret, the Mattermost command's
 * token (either may be unset: that chat's endpoint then answers 404), and who may run commands that change things.
 */
@ConfigurationProperties("mooring.chatops.commands")
public class CommandSettings {
    private String slackSigningSecret;
    private String mattermostToken;
    private List<String> allowedUsers = List.of();
    private List<String> allowedChannels = List.of();
    private Duration maxAge = Duration.ofMinutes(5);
    private List<String> responseHosts = List.of("hooks.slack.com");
    private Duration answerTimeout = Duration.ofMinutes(5);
    private Duration answerTtl = Duration.ofHours(1);

    /** Slack → app settings → Basic Information → Signing Secret. */
    @Nullable
    public String getSlackSigningSecret() {
        return slackSigningSecret;
    }

    public void setSlackSigningSecret(@Nullable String slackSigningSecret) {
        this.slackSigningSecret = blankToNull(slackSigningSecret);
    }

    /** Mattermost → Integrations → Slash Commands → the command's Token. */
    @Nullable
    public String getMattermostToken() {
        return mattermostToken;
    }

    public void setMattermostToken(@Nullable String mattermostToken) {
        this.mattermostToken = blankToNull(mattermostToken);
    }

    /** User ids (Slack {@code U…}, Mattermost user ids) or user names that may run commands that change things. */
    @NotNull
    public List<String> getAllowedUsers() {
        return allowedUsers;
    }

    public void setAllowedUsers(List<String> allowedUsers) {
        this.allowedUsers = List.copyOf(allowedUsers);
    }

    /** Channel ids or names where anyone may run them. */
    @NotNull
    public List<String> getAllowedChannels() {
        return allowedChannels;
    }

    public void setAllowedChannels(List<String> allowedChannels) {
        this.allowedChannels = List.copyOf(allowedChannels);
    }

    /** How old a signed Slack request may be (its timestamp, either way): older ones are replays and refused. */
    @NotNull
    public Duration getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("mooring.chatops.commands.max-age must be positive, was " + maxAge);
        }
        this.maxAge = maxAge;
    }

    /**
     * Hosts (or {@code host:port}) a command's {@code response_url} may point at, where its outcome is posted: Slack's
     * {@code hooks.slack.com} by default; add your Mattermost server's. A URL to another host is not posted to.
     */
    @NotNull
    public List<String> getResponseHosts() {
        return responseHosts;
    }

    public void setResponseHosts(List<String> responseHosts) {
        this.responseHosts = responseHosts.stream().map(String::strip).filter(h -> !h.isEmpty()).toList();
    }

    /** How long the relay waits for a service to answer a command before telling the channel nobody did. */
    @NotNull
    public Duration getAnswerTimeout() {
        return answerTimeout;
    }

    public void setAnswerTimeout(Duration answerTimeout) {
        this.answerTimeout = positive(answerTimeout, "answer-timeout");
    }

    /**
     * How long a command's {@code response_url} is kept, so that answers arriving until then are posted (Slack's
     * accepts posts for 30 minutes).
     */
    @NotNull
    public Duration getAnswerTtl() {
        return answerTtl;
    }

    public void setAnswerTtl(Duration answerTtl) {
        this.answerTtl = positive(answerTtl, "answer-ttl");
    }

    private static Duration positive(Duration value, String name) {
        if (value.isNegative() || value.toSeconds() < 1) {
            throw new IllegalArgumentException("mooring.chatops.commands." + name + " must be at least 1s, was " + value);
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
