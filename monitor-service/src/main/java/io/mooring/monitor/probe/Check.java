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
     * An HTTP(S) request. Up when the final status is in {@code expectedStatus}, the body has
     * (or, with {@code keywordAbsent}, lacks) {@code keyword} and meets {@code jsonCondition}; degraded
     * when slower than {@code degradedAbove}.
     */
    record Http(URI url, String method, Map<String, String> headers, List<StatusRange> expectedStatus,
                String keyword, boolean keywordAbsent, boolean followRedirects, boolean verifyTls,
                Duration degradedAbove, JsonCondition jsonCondition) implements Check {

        /** A request without a JSON condition. */
        public Http(URI url, String method, Map<String, String> headers, List<StatusRange> expectedStatus,
                    String keyword, boolean keywordAbsent, boolean followRedirects, boolean verifyTls,
                    Duration degradedAbove) {
            this(url, method, headers, expectedStatus, keyword, keywordAbsent, followRedirects, verifyTls, degradedAbove, null);
        }

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
            if (jsonCondition != null && "HEAD".equals(method)) {
                throw new InvalidSetting("jsonCondition", "needs a body: use GET");
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
     * A PostgreSQL server serves. Without {@code monitorRole}: it answers the start-up of {@code user} by
     * asking for authentication, letting it in, or refusing that role; no password is ever sent. With
     * {@code monitorRole} (the name of a role configured in the service, never a password in the
     * monitor): that role logs in to {@code database} and runs {@code SELECT 1}.
     */
    record Postgres(Endpoint endpoint, String user, String database, boolean tls, String monitorRole) implements Check {
        public Postgres {
            Objects.requireNonNull(endpoint, "endpoint");
            if (monitorRole == null && (user == null || user.isBlank() || user.length() > 63)) {
                throw new InvalidSetting("user", "must be 1..63 characters");
            }
            if (database == null || database.isBlank() || database.length() > 63) {
                throw new InvalidSetting("database", "must be 1..63 characters");
            }
            if (monitorRole != null && !ProbeCredentials.NAME.matcher(monitorRole).matches()) {
                throw new InvalidSetting("monitorRole", ProbeCredentials.NAME_RULE);
            }
        }

        /** The start-up probe without a role. */
        public Postgres(Endpoint endpoint, String user, String database, boolean tls) {
            this(endpoint, user, database, tls, null);
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

    /**
     * A Kafka cluster answers a metadata request (its id and brokers) through {@code bootstrapServers}.
     * {@code credentials}, when set, names TLS/SASL settings configured in the service; a monitor
     * never holds a secret.
     */
    record Kafka(List<Endpoint> bootstrapServers, String credentials) implements Check {
        public Kafka {
            if (bootstrapServers == null || bootstrapServers.isEmpty()) {
                throw new InvalidSetting("target", "must name at least one bootstrap server");
            }
            bootstrapServers = List.copyOf(bootstrapServers);
            if (credentials != null && !ProbeCredentials.NAME.matcher(credentials).matches()) {
                throw new InvalidSetting("credentials", ProbeCredentials.NAME_RULE);
            }
        }
    }
}
