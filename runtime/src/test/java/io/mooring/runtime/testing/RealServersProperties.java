package io.mooring.runtime.testing;

import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;

import java.util.HashMap;
import java.util.Map;

/** Properties for a test application context: the shared servers and a fresh database. */
public final class RealServersProperties {
    private RealServersProperties() {
    }

    public static Map<String, String> withFreshDatabase(String prefix, ServerKind... kinds) {
        Map<String, String> properties = new HashMap<>(Servers.properties(kinds));
        String database = prefix + "_" + Long.toHexString(System.nanoTime());
        Servers.postgres().createDatabase(database);
        properties.put("mooring.pg.database", database);
        return properties;
    }
}
