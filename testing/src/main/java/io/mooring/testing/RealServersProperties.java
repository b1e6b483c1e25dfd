package io.mooring.testing;

import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Properties for a test application context on the test JVM's shared servers. */
public final class RealServersProperties {
    public static final String OPERATOR_TOKEN = "operator-token-for-tests";
    public static final String READ_TOKEN = "read-token-for-tests";

    private RealServersProperties() {
    }

    /** The shared servers of {@code kinds} and a fresh database {@code <prefix>_<unique>}. */
    public static Map<String, String> withFreshDatabase(String prefix, ServerKind... kinds) {
        Map<String, String> properties = new HashMap<>(Servers.properties(kinds));
        String database = prefix.toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().substring(0, 8);
        Servers.postgres().createDatabase(database);
        properties.put("mooring.pg.database", database);
        return properties;
    }

    /**
     * A whole service under test: the shared servers of {@code kinds} (a fresh database named after
     * {@code prefix} and the test class when Postgres is among them), a free HTTP port, the two test
     * tokens ({@link #OPERATOR_TOKEN}, {@link #READ_TOKEN}) and short retry backoffs.
     */
    public static Map<String, String> forService(String prefix, Class<?> testClass, ServerKind... kinds) {
        String unique = prefix + "_" + testClass.getSimpleName();
        Map<String, String> properties = Arrays.asList(kinds).contains(ServerKind.POSTGRES)
                ? withFreshDatabase(unique, kinds)
                : new HashMap<>(Servers.properties(kinds));
        // a free port: application.yml names the service's port, which another run on this machine may hold
        properties.put("micronaut.server.port", "-1");
        properties.put("mooring.auth.operator-tokens", OPERATOR_TOKEN);
        properties.put("mooring.auth.read-tokens", READ_TOKEN);
        properties.put("mooring.kafka.retry-backoff-max", "1s");
        properties.put("mooring.consumer.backoff-max", "1s");
        return properties;
    }
}
