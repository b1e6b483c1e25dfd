package io.mooring.monitor.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A host and a port, parsed from {@code host:port} ({@code [v6]:port} for IPv6 literals). */
public record Endpoint(String host, int port) {
    private static final Pattern HOST_PORT = Pattern.compile("^(\\[[0-9A-Fa-f:.]+\\]|[^\\s:/\\[\\]]+):([1-9][0-9]{0,4})$");

    public Endpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
    }

    /** @throws IllegalArgumentException saying what is wrong */
    public static Endpoint parse(String hostPort) {
        Matcher matcher = hostPort == null ? null : HOST_PORT.matcher(hostPort);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("must be host:port such as db.example.org:5432, was '" + hostPort + "'");
        }
        String host = matcher.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(host, Integer.parseInt(matcher.group(2)));
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
