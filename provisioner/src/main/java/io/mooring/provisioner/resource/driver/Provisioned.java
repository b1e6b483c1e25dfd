package io.mooring.provisioner.resource.driver;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;
import java.util.Objects;

/**
 * What provisioning produced: where the resource is reached ({@code endpoint}, an absolute URI
 * without secrets, announced in events), settings to add to its spec, and credentials to show once.
 */
public record Provisioned(String endpoint, Map<String, String> reported, @Nullable Credentials credentials) {

    public Provisioned {
        Objects.requireNonNull(endpoint, "endpoint");
        reported = Map.copyOf(reported);
    }
}
