package io.mooring.provisioner.desiredstate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A site the host's web server serves: a domain proxied to the account's upstream. Both are
 * checked strictly, because they are written into the web server's configuration.
 *
 * @param resourceId the site resource
 * @param accountId  the account that owns it
 * @param domain     a hostname, lowercased
 * @param upstream   {@code http://host[:port]}, {@code https://host[:port]} or {@code unix:/absolute/path}
 * @param suspended  the account is suspended: the site answers 503 instead of proxying
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Site(UUID resourceId, UUID accountId, String domain, String upstream, boolean suspended) {
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern HOSTNAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
    private static final Pattern HTTP = Pattern.compile(
            "https?://(?<host>" + LABEL + "(?:\\." + LABEL + ")*|\\[[0-9a-fA-F:.]+])(?::(?<port>\\d{1,5}))?/?");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d+(?:\\.\\d+){3}");
    private static final Pattern UNIX = Pattern.compile("unix:(?<path>/[A-Za-z0-9._/@+-]*[A-Za-z0-9._@+-])");

    public Site {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(accountId, "accountId");
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("the site has no domain");
        }
        domain = domain.toLowerCase(Locale.ROOT);
        if (domain.length() > 253 || !HOSTNAME.matcher(domain).matches()) {
            throw new IllegalArgumentException("domain is not a hostname: " + domain);
        }
        if (upstream == null || upstream.isBlank()) {
            throw new IllegalArgumentException("the site has no upstream");
        }
        checkUpstream(upstream);
    }

    /** What nginx's {@code proxy_pass} takes for the upstream. */
    public String proxyPass() {
        if (upstream.startsWith("unix:")) {
            return "http://" + upstream + ":";
        }
        return upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
    }

    /** Literal addresses must parse; a name is left to the host's resolver. */
    private static boolean validAddress(String host) {
        if (host.startsWith("[")) {
            try {
                // a literal with a colon is parsed, never looked up
                return InetAddress.getByName(host) instanceof Inet6Address;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        if (DOTTED_QUAD.matcher(host).matches()) {
            return Arrays.stream(host.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        }
        return true;
    }

    private static void checkUpstream(String upstream) {
        var http = HTTP.matcher(upstream);
        if (http.matches()) {
            String port = http.group("port");
            if (port != null && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
                throw new IllegalArgumentException("upstream port out of range: " + upstream);
            }
            if (!validAddress(http.group("host"))) {
                throw new IllegalArgumentException("upstream address is not valid: " + upstream);
            }
            return;
        }
        var unix = UNIX.matcher(upstream);
        if (unix.matches() && !unix.group("path").contains("/../") && !unix.group("path").endsWith("/..")) {
            return;
        }
        throw new IllegalArgumentException("upstream is neither http://host:port nor unix:/absolute/path: " + upstream);
    }
}
