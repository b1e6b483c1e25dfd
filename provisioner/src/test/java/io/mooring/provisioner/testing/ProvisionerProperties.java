package io.mooring.provisioner.testing;

import io.mooring.testing.RealServersProperties;
import io.mooring.stack.ServerKind;

import java.util.Map;

/** Application properties for a provisioner IT: the shared Kafka, Redis and a fresh Postgres database. */
public final class ProvisionerProperties {
    private ProvisionerProperties() {
    }

    public static Map<String, String> with(String operatorToken) {
        Map<String, String> properties = RealServersProperties.forService("provisioner", ProvisionerProperties.class,
                ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS);
        properties.put("mooring.auth.operator-tokens", operatorToken);
        properties.put("mooring.provisioner.drain.interval", "200ms");
        return properties;
    }
}
