package io.mooring.chatops.webhook;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import io.micronaut.core.annotation.Nullable;
import io.mooring.chatops.queue.TargetDelivery;

import java.util.List;

/**
 * One entry of the {@code mooring.chatops.webhooks} list, as written in settings. {@link WebhookTargets}
 * checks it and turns it into a {@link WebhookTarget}.
 */
@EachProperty(value = "mooring.chatops.webhooks", list = true)
public class WebhookSettings {
    private final int index;
    private String name;
    private String url;
    private String kind = TargetKind.GENERIC.configName();
    private List<String> eventTypes = List.of();
    private String token;
    private String channel;
    private String secret;
    private Double ratePerSecond;
    private Integer burst;
    private String groupWait;
    private String giveUpAfter;

    public WebhookSettings(@Parameter Integer index) {
        this.index = index;
    }

    /** Position in the list, for error messages. */
    public int getIndex() {
        return index;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** {@code slack}, {@code slack-api}, {@code matrix}, {@code matrix-hookshot} or {@code generic} (the default). */
    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    /** Event type prefixes the target wants; empty means every event. */
    public List<String> getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(List<String> eventTypes) {
        this.eventTypes = eventTypes;
    }

    /** Bearer token of {@code slack-api} (bot token) and {@code matrix} (access token); a secret. */
    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    /** Slack channel id ({@code slack-api}) or Matrix room id ({@code matrix}). */
    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    /** HMAC-SHA256 key of a {@code generic} target: its posts carry {@code Mooring-Signature}; a secret. */
    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    /** Per-target {@code rate-per-second}, {@code burst}, {@code group-wait}, {@code give-up-after}; unset ones are global. */
    public TargetDelivery delivery() {
        return new TargetDelivery(ratePerSecond, burst, groupWait, giveUpAfter);
    }

    public @Nullable Double getRatePerSecond() {
        return ratePerSecond;
    }

    public void setRatePerSecond(@Nullable Double ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
    }

    public @Nullable Integer getBurst() {
        return burst;
    }

    public void setBurst(@Nullable Integer burst) {
        this.burst = burst;
    }

    public @Nullable String getGroupWait() {
        return groupWait;
    }

    public void setGroupWait(@Nullable String groupWait) {
        this.groupWait = groupWait;
    }

    public @Nullable String getGiveUpAfter() {
        return giveUpAfter;
    }

    public void setGiveUpAfter(@Nullable String giveUpAfter) {
        this.giveUpAfter = giveUpAfter;
    }
}
