package io.mooring.chatops.outcome;

import io.mooring.chatops.command.CommandSettings;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which {@code response_url} of a slash command the relay posts a command's outcome to: an {@code https} URL (or
 * {@code http} to a loopback address) whose host is one of {@code mooring.chatops.commands.response-hosts}. The URL
 * comes from the (verified) request, but it is still a place the relay sends data to: an unlisted host is not posted to.
 */
@Singleton
public class ResponseUrls {
    private final List<String> hosts;

    public ResponseUrls(CommandSettings settings) {
        this.hosts = settings.getResponseHosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /** The URL to post outcomes to, or why not ({@link Refused}), never echoing the URL, whose path is a secret. */
    public Optional<URI> accept(String url) throws Refused {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("response_url is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null) {
            throw new Refused("response_url must name a host and carry no user info");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(host))) {
            throw new Refused("response_url must be https (host " + host + ")");
        }
        String hostAndPort = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
        if (!hosts.contains(host) && !hosts.contains(hostAndPort)) {
            throw new Refused("response_url host " + hostAndPort
                    + " is not in mooring.chatops.commands.response-hosts " + hosts);
        }
        return Optional.of(uri);
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[[0-9a-f:.]+]")) {
            return false;
        }
        try {
            // a literal address: parsed, never looked up
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The URL is not one the relay posts to. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }
}
