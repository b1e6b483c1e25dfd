package io.mooring.monitor.probe;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Credentials that probes may use, configured in the service and named by monitors: TLS/SASL
 * settings for Kafka clusters ({@code mooring.probes.kafka.<name>}) and PostgreSQL monitor roles
 * ({@code mooring.probes.postgres-roles.<name>}). A monitor holds only the name, never a secret.
 */
public final class ProbeCredentials {
    static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
    static final String NAME_RULE = "must name credentials configured in the service: 1..63 lower-case letters, digits and '-'";

    public static final ProbeCredentials NONE = new ProbeCredentials(Map.of(), Map.of());

    private final Map<String, Map<String, Object>> kafka;
    private final Map<String, PostgresRole> postgresRoles;

    /**
     * @param kafka         per name, the kafka-clients properties that secure the connection
     * @param postgresRoles per name, a role that may log in to tenant databases
     */
    public ProbeCredentials(Map<String, Map<String, Object>> kafka, Map<String, PostgresRole> postgresRoles) {
        this.kafka = Map.copyOf(kafka);
        this.postgresRoles = Map.copyOf(postgresRoles);
    }

    Optional<Map<String, Object>> kafka(String name) {
        return Optional.ofNullable(kafka.get(name));
    }

    Optional<PostgresRole> postgresRole(String name) {
        return Optional.ofNullable(postgresRoles.get(name));
    }

    /**
     * A PostgreSQL role the monitor logs in as to run {@code SELECT 1}.
     *
     * @param tlsProperties pgjdbc's {@code sslmode} and {@code sslrootcert}; empty for the driver's default
     */
    public record PostgresRole(String user, String password, Map<String, String> tlsProperties) {
        public PostgresRole {
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("a monitor role needs a user");
            }
            password = password == null ? "" : password;
            tlsProperties = Map.copyOf(tlsProperties);
        }

        @Override
        public String toString() {
            return "PostgresRole[user=" + user + ", password=(hidden), tls=" + tlsProperties + "]";
        }
    }
}
