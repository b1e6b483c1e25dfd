package io.mooring.chatops.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One place events are posted to. The URL often is the secret (Slack, hookshot): it never appears
 * in {@link #toString()}, logs or API answers; only its host does.
 *
 * @param name       stable name, part of the dedupe keys: renaming a target makes it receive recent events again
 * @param eventTypes type prefixes this target wants, e.g. {@code mooring.monitoring.}; empty means every event
 */
public record WebhookTarget(String name, URI url, TargetKind kind, List<String> eventTypes) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9_-]{0,62})");

    public WebhookTarget {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1-63 lowercase letters, digits, dashes or underscores, "
                    + "starting with a letter or digit, was '" + name + "'");
        }
        requireHttpUrl(url);
        Objects.requireNonNull(kind, "kind");
        if (eventTypes == null) {
            eventTypes = List.of();
        }
        for (String prefix : eventTypes) {
            if (prefix == null || prefix.isBlank()) {
                throw new IllegalArgumentException("event-types must not contain blank entries");
            }
        }
        eventTypes = List.copyOf(eventTypes);
    }

    /** Builds a target from settings text; every problem is an {@link IllegalArgumentException} naming the field. */
    public static WebhookTarget parse(String name, String url, String kind, List<String> eventTypes) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url must be set");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // the URL may hold a secret token: say where it is wrong, not what it is
            throw new IllegalArgumentException("url is not a valid URI (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        TargetKind targetKind;
        try {
            targetKind = TargetKind.parse(kind == null ? TargetKind.GENERIC.configName() : kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind " + e.getMessage());
        }
        return new WebhookTarget(name, uri, targetKind, eventTypes == null ? List.of()
                : eventTypes.stream().map(t -> t == null ? null : t.strip()).toList());
    }

    /** Whether this target wants events of {@code type}. */
    public boolean accepts(String type) {
        return eventTypes.isEmpty() || eventTypes.stream().anyMatch(type::startsWith);
    }

    /** The host (and port, if any) of the URL: what may be shown without revealing a secret path or token. */
    public String host() {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    @Override
    public String toString() {
        return "WebhookTarget[name=" + name + ", kind=" + kind.configName() + ", host=" + host()
                + ", eventTypes=" + eventTypes + "]";
    }

    private static void requireHttpUrl(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("url must be an absolute http:// or https:// URL");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalArgumentException("url must name a host");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must not carry user info; put credentials in the path or query "
                    + "as the target documents");
        }
    }
}
