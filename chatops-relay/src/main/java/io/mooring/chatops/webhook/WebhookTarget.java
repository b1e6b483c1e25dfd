package io.mooring.chatops.webhook;

import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One place events are posted to. The URL often is the secret (Slack, hookshot), and so are the token and the
 * signing secret: none of them appears in {@link #toString()}, logs or API answers; only the URL's host does.
 *
 * @param name       stable name, part of the dedupe keys: renaming a target makes it receive recent events again
 * @param url        where to post: the webhook URL; for {@code slack-api} the Web API's base URL
 *                   ({@value #SLACK_API_URL} unless set); for {@code matrix} the homeserver's base URL
 * @param eventTypes type prefixes this target wants, e.g. {@code mooring.monitoring.}; empty means every event
 * @param token      nullable: the bearer token of {@code slack-api} (bot token) and {@code matrix} (access token); secret
 * @param channel    nullable: the Slack channel id ({@code slack-api}) or Matrix room id ({@code matrix}, {@code !…:server})
 * @param secret     nullable: the HMAC-SHA256 key a {@code generic} target's posts are signed with; secret
 */
public record WebhookTarget(String name, URI url, TargetKind kind, List<String> eventTypes, @Nullable String token,
                            @Nullable String channel, @Nullable String secret) {
    public static final String SLACK_API_URL = "https://slack.com/api";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookTarget.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9_-]{0,62})");
    /** Printable ASCII without spaces: what tokens, channel and room ids are made of. */
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]{1,1024}");
    private static final int MIN_SECRET = 16;

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
        boolean bearer = kind == TargetKind.SLACK_API || kind == TargetKind.MATRIX;
        if (bearer) {
            requirePrintable(token, "token", kind);
            requirePrintable(channel, "channel", kind);
            if (kind == TargetKind.MATRIX && !channel.startsWith("!")) {
                throw new IllegalArgumentException("channel must be a Matrix room id (!opaque:server), not an alias");
            }
        } else if (token != null || channel != null) {
            throw new IllegalArgumentException((token != null ? "token" : "channel")
                    + " is only for kinds slack-api and matrix");
        }
        if (secret != null) {
            if (kind != TargetKind.GENERIC) {
                throw new IllegalArgumentException("secret is only for kind generic");
            }
            if (secret.length() < MIN_SECRET || !PRINTABLE.matcher(secret).matches()) {
                throw new IllegalArgumentException("secret must be " + MIN_SECRET
                        + "-1024 printable characters without spaces");
            }
        }
    }

    /** A target without token, channel or secret. */
    public WebhookTarget(String name, URI url, TargetKind kind, List<String> eventTypes) {
        this(name, url, kind, eventTypes, null, null, null);
    }

    /** Builds a target without token, channel or secret from settings text (see the full {@code parse}). */
    public static WebhookTarget parse(String name, String url, String kind, List<String> eventTypes) {
        return parse(name, url, kind, eventTypes, null, null, null);
    }

    /**
     * Builds a target from settings text; every problem is an {@link IllegalArgumentException} naming the field (never
     * echoing a secret). Blank token, channel and secret count as not set. {@code kind: matrix} with neither token nor
     * channel is the hookshot webhook it meant before {@code matrix-hookshot} existed: read so, with a warning.
     */
    public static WebhookTarget parse(String name, String url, String kind, List<String> eventTypes,
                                      @Nullable String token, @Nullable String channel, @Nullable String secret) {
        TargetKind targetKind;
        try {
            targetKind = TargetKind.parse(kind == null ? TargetKind.GENERIC.configName() : kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind " + e.getMessage());
        }
        token = blankToNull(token);
        channel = blankToNull(channel);
        secret = blankToNull(secret);
        if (targetKind == TargetKind.MATRIX && token == null && channel == null) {
            LOG.warn("target {}: kind matrix without token and channel is read as kind matrix-hookshot (a hookshot "
                    + "webhook URL); write kind: matrix-hookshot, since kind matrix now posts through the client-server API",
                    name);
            targetKind = TargetKind.MATRIX_HOOKSHOT;
        }
        if ((url == null || url.isBlank()) && targetKind == TargetKind.SLACK_API) {
            url = SLACK_API_URL;
        }
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
        return new WebhookTarget(name, uri, targetKind, eventTypes == null ? List.of()
                : eventTypes.stream().map(t -> t == null ? null : t.strip()).toList(), token, channel, secret);
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
                + (channel == null ? "" : ", channel=" + channel) + ", eventTypes=" + eventTypes
                + (secret == null ? "" : ", signed") + "]";
    }

    private static void requirePrintable(String value, String field, TargetKind kind) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be set for kind " + kind.configName());
        }
        if (!PRINTABLE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1-1024 printable characters without spaces");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
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
