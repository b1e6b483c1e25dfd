package io.mooring.provisioner.resource.driver;

import java.util.Map;

/** Secrets to show once (user, password, where to connect). {@link #toString()} reveals nothing. */
public record Credentials(Map<String, String> values) {

    public Credentials {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("credentials need at least one value");
        }
        values = Map.copyOf(values);
    }

    @Override
    public String toString() {
        return "Credentials" + values.keySet() + " (values hidden)";
    }
}
