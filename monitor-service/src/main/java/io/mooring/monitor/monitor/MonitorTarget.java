package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;
import io.mooring.events.Require;
import io.mooring.events.monitoring.MonitorKind;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a monitor checks, valid for its kind: an absolute http(s) URL for {@code http},
 * {@code host:port} for {@code tcp}, {@code tls}, {@code postgres} and {@code redis}, a host name
 * for {@code dns}, bootstrap servers ({@code host:port} separated by commas, at most
 * {@value #MAX_BOOTSTRAP_SERVERS}) for {@code kafka}, nothing for {@code heartbeat} (the job checks in instead).
 * The rules are at least as strict as the {@code MonitorCreated} contract, so an accepted target
 * always fits the event.
 */
public record MonitorTarget(MonitorKind kind, @Nullable String value) {

    static final int MAX_LENGTH = 2048;
    static final int MAX_BOOTSTRAP_SERVERS = 20;

    /** An IPv6 literal in brackets or a host name or IPv4 address, then a port without leading zeros. */
    private static final Pattern HOST_PORT = Pattern.compile("^(\\[[0-9A-Fa-f:.]+\\]|[^\\s:/\\[\\]]+):([0-9]+)$");

    /** Dot-separated labels of letters, digits, '_' and '-', 253 characters at most, an optional final dot. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?$");

    /** @throws IllegalArgumentException saying what is wrong with the target, without naming the field */
    public MonitorTarget {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case HTTP -> checkUrl(required(kind, value));
            case TCP, TLS, POSTGRES, REDIS -> checkHostPort(required(kind, value));
            case DNS -> checkHostName(required(kind, value));
            case KAFKA -> checkBootstrapServers(required(kind, value));
            case HEARTBEAT -> {
                if (value != null) {
                    throw new IllegalArgumentException("must be absent for heartbeat monitors: the job checks in with its token");
                }
            }
        }
    }

    private static String required(MonitorKind kind, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("is required for " + kind.wireName() + " monitors");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        return value;
    }

    private static void checkUrl(String value) {
        String expected = "must be an absolute http(s) URL such as https://social.example.org/health, was '" + value + "'";
        if (!Require.HTTP_URL.matcher(value).matches()) {
            throw new IllegalArgumentException(expected);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(expected);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("must name a host, was '" + value + "'");
        }
        if (uri.getPort() != -1) {
            checkPort(uri.getPort());
        }
    }

    private static void checkHostPort(String value) {
        Matcher matcher = HOST_PORT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must be host:port such as db.example.org:5432, was '" + value + "'");
        }
        String port = matcher.group(2);
        if (port.length() > 5 || port.startsWith("0")) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        checkPort(Integer.parseInt(port));
    }

    private static void checkBootstrapServers(String value) {
        String[] servers = value.split(",", -1);
        if (servers.length > MAX_BOOTSTRAP_SERVERS) {
            throw new IllegalArgumentException("must list at most " + MAX_BOOTSTRAP_SERVERS + " bootstrap servers");
        }
        for (String server : servers) {
            if (!HOST_PORT.matcher(server).matches()) {
                throw new IllegalArgumentException("must be host:port, or several separated by commas such as "
                        + "kafka-1.example.org:9093,kafka-2.example.org:9093, was '" + value + "'");
            }
            checkHostPort(server);
        }
    }

    private static void checkHostName(String value) {
        if (!HOST_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("must be a host name such as social.example.org, was '" + value + "'");
        }
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
    }
}
