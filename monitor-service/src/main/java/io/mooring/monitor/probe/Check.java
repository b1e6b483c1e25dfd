package io.mooring.monitor.probe;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to check and how, one record per kind of probe. Each validates itself and throws
 * {@link InvalidSetting} naming the setting.
 */
public sealed interface Check {

    /**
     * An HTTP(S) request. Up when the final status is in {@code expectedStatus} and the body has
     * (or, with {@code keywordAbsent}, lacks) {@code keyword}; degraded when slower than {@code degradedAbove}.
     */
    record Http(URI url, String method, Map<String, String> headers, List<StatusRange> expectedStatus,
                String keyword, boolean keywordAbsent, boolean followRedirects, boolean verifyTls,
                Duration degradedAbove) implements Check {
        public Http {
            Objects.requireNonNull(url, "url");
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                throw new InvalidSetting("method", "must be GET or HEAD, was " + method);
            }
            headers = Map.copyOf(headers == null ? Map.of() : headers);
            expectedStatus = List.copyOf(expectedStatus == null || expectedStatus.isEmpty()
                    ? List.of(new StatusRange(200, 399)) : expectedStatus);
            if (keyword != null && keyword.isEmpty()) {
                throw new InvalidSetting("keyword", "must not be empty; leave it out to skip the body");
            }
            if (keyword != null && "HEAD".equals(method)) {
                throw new InvalidSetting("keyword", "needs a body: use GET");
            }
            if (keywordAbsent && keyword == null) {
                throw new InvalidSetting("keywordAbsent", "needs a keyword");
            }
        }
    }

    /** A TCP connection is accepted. */
    record Tcp(Endpoint endpoint) implements Check {
        public Tcp {
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /** A TLS handshake succeeds with a trusted certificate; degraded when it expires in fewer than {@code warnDays}. */
    record Tls(Endpoint endpoint, int warnDays) implements Check {
        public Tls {
            Objects.requireNonNull(endpoint, "endpoint");
            if (warnDays < 0 || warnDays > 365) {
                throw new InvalidSetting("warnDays", "must be between 0 and 365, was " + warnDays);
            }
        }
    }

    /**
     * A PostgreSQL server answers the start-up of {@code user}: asking for authentication, letting
     * it in, or refusing that role all prove it serves. No password is ever sent.
     */
    record Postgres(Endpoint endpoint, String user, String database, boolean tls) implements Check {
        public Postgres {
            Objects.requireNonNull(endpoint, "endpoint");
            if (user == null || user.isBlank() || user.length() > 63) {
                throw new InvalidSetting("user", "must be 1..63 characters");
            }
            if (database == null || database.isBlank() || database.length() > 63) {
                throw new InvalidSetting("database", "must be 1..63 characters");
            }
        }
    }

    /** A Redis server answers {@code PING} with {@code PONG}, or asks for authentication. */
    record Redis(Endpoint endpoint, boolean tls) implements Check {
        public Redis {
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /** A name resolves; to {@code expectedAddress} among others when that is set. */
    record Dns(String name, String expectedAddress) implements Check {
        private static final java.util.regex.Pattern HOST_NAME =
                java.util.regex.Pattern.compile("^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?$");
        private static final java.util.regex.Pattern IPV4 =
                java.util.regex.Pattern.compile("^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$");
        private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

        public Dns {
            if (name == null || !HOST_NAME.matcher(name).matches()) {
                throw new InvalidSetting("target", "must be a host name such as social.example.org, was '" + name + "'");
            }
            if (expectedAddress != null && !IPV4.matcher(expectedAddress).matches()
                    && !(expectedAddress.contains(":") && IPV6.matcher(expectedAddress).matches())) {
                throw new InvalidSetting("expectedAddress", "must be an IPv4 or IPv6 address, was '" + expectedAddress + "'");
            }
        }
    }
}
