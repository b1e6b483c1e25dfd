package io.mooring.provisioner.resource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a site's requests go: {@code http://host:port} (a host name, an IPv4 address or a bracketed
 * IPv6 address; no path) or {@code unix:/absolute/path} to a socket (letters, digits, {@code . _ - /},
 * no {@code ..} segment, at most 107 bytes). The characters are restricted because the value ends up
 * in web-server configuration.
 */
public record Upstream(String value) {
    private static final Pattern HTTP = Pattern.compile("http://(?<host>[^:/\\[\\]]+|\\[[0-9a-f:.]+\\]):(?<port>[0-9]{1,5})");
    private static final Pattern HOST_NAME = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    private static final Pattern UNIX = Pattern.compile("unix:(?<path>/[A-Za-z0-9._/-]+)");
    private static final int MAX_SOCKET_PATH = 107;

    public Upstream {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("is required for a site");
        }
        if (value.startsWith("unix:")) {
            checkSocket(value);
        } else {
            checkHttp(value);
        }
    }

    private static void checkHttp(String value) {
        Matcher m = HTTP.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be http://host:port or unix:/path/to/socket");
        }
        String host = m.group("host");
        if (host.startsWith("[")) {
            if (host.chars().filter(c -> c == ':').count() < 2) {
                throw new IllegalArgumentException("'" + host + "' is not an IPv6 address");
            }
        } else if (IPV4.matcher(host).matches()) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("'" + host + "' is not an IPv4 address");
                }
            }
        } else if (!HOST_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not a valid lower-case host name");
        }
        int port = Integer.parseInt(m.group("port"));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535");
        }
    }

    private static void checkSocket(String value) {
        Matcher m = UNIX.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("a socket must be unix:/absolute/path of letters, digits, '.', '_', '-' and '/'");
        }
        String path = m.group("path");
        if (path.length() > MAX_SOCKET_PATH) {
            throw new IllegalArgumentException("a socket path must be at most " + MAX_SOCKET_PATH + " characters");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("a socket path may not contain '.' or '..' segments");
            }
        }
        if (path.endsWith("/") || path.contains("//")) {
            throw new IllegalArgumentException("a socket path must name a file");
        }
    }
}
