package io.mooring.provisioner.testing;

import io.mooring.runtime.testing.RealServersProperties;
import io.mooring.stack.ServerKind;

import java.util.HashMap;
import java.util.Map;

/** Application properties for a provisioner IT: the shared Kafka, Redis and a fresh Postgres database. */
public final class ProvisionerProperties {
    private ProvisionerProperties() {
    }

    public static Map<String, String> with(String operatorToken) {
        Map<String, String> properties = new HashMap<>(RealServersProperties.withFreshDatabase("provisioner",
                ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS));
        properties.put("mooring.auth.operator-tokens", operatorToken);
        // a free port: application.yml names 8081, which other test runs on this machine may hold
        properties.put("micronaut.server.port", "-1");
        properties.put("mooring.provisioner.drain.interval", "200ms");
        return properties;
    }
}
