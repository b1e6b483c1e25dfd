package io.mooring.provisioner.resource.driver;

import io.mooring.events.provisioning.ResourceKind;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The driver of each resource kind. */
@Singleton
public class ResourceDrivers {
    private final Map<ResourceKind, ResourceDriver> byKind = new EnumMap<>(ResourceKind.class);

    public ResourceDrivers(List<ResourceDriver> drivers) {
        for (ResourceDriver driver : drivers) {
            if (byKind.put(driver.kind(), driver) != null) {
                throw new IllegalStateException("two drivers for " + driver.kind().wireName());
            }
        }
        for (ResourceKind kind : ResourceKind.values()) {
            if (!byKind.containsKey(kind)) {
                throw new IllegalStateException("no driver for " + kind.wireName());
            }
        }
    }

    public ResourceDriver of(ResourceKind kind) {
        return byKind.get(kind);
    }
}
