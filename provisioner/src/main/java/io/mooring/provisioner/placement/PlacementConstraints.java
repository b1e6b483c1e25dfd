package io.mooring.provisioner.placement;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * Where an account may be placed: only hosts in {@code datacenter} (any when null) that carry every
 * label of {@code labels}. Migrations and drains honour them too. Stored as one JSON column.
 */
@Serdeable
public record PlacementConstraints(@Nullable String datacenter,
                                   @Nullable Map<String, String> labels) {
    public static final PlacementConstraints NONE = new PlacementConstraints(null, Map.of());

    public PlacementConstraints {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** True when {@code host}'s datacenter and labels satisfy these constraints. */
    public boolean admit(String hostDatacenter, Map<String, String> hostLabels) {
        return (datacenter == null || datacenter.equals(hostDatacenter)) && Labels.matchAll(hostLabels, labels);
    }
}
