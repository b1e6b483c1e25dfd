package io.mooring.stack;

import java.util.Locale;
import java.util.Map;

/**
 * Where {@link Servers} gets the servers it does not find named by MOORING_* variables: started in
 * this JVM's processes ({@link #EMBEDDED}, the default and all CI needs), or as containers through
 * Testcontainers ({@link #TESTCONTAINERS}, needs a Docker engine). Chosen by the system property
 * {@value #PROPERTY}, else the environment variable {@value #VARIABLE}.
 */
public enum ServerProvider {
    EMBEDDED,
    TESTCONTAINERS;

    public static final String PROPERTY = "mooring.servers";
    public static final String VARIABLE = "MOORING_SERVERS";

    /** The provider these settings choose; an unknown name is an error that lists the known ones. */
    static ServerProvider from(String property, Map<String, String> env) {
        String value = property != null && !property.isBlank() ? property : env.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return EMBEDDED;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "embedded" -> EMBEDDED;
            case "testcontainers" -> TESTCONTAINERS;
            default -> throw new IllegalArgumentException(PROPERTY + " (" + VARIABLE
                    + ") must be 'embedded' or 'testcontainers', was '" + value.strip() + "'");
        };
    }

    /** The provider this JVM's system properties and environment choose. */
    public static ServerProvider current() {
        return from(System.getProperty(PROPERTY), System.getenv());
    }
}
