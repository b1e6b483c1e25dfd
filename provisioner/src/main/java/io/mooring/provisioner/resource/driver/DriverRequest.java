package io.mooring.provisioner.resource.driver;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** What a driver works on: the resource, its account and its spec (including the stored {@link ResourceDriver#names}). */
public record DriverRequest(UUID resourceId, UUID accountId, String name, Map<String, String> spec) {

    public DriverRequest {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        spec = Map.copyOf(spec);
    }

    /** The spec entry {@code key}; a permanent failure when it is missing. */
    public String required(String key) {
        String value = spec.get(key);
        if (value == null || value.isBlank()) {
            throw DriverFailure.permanent("resource record incomplete", "resource " + resourceId + " has no '" + key + "' in its spec");
        }
        return value;
    }
}
