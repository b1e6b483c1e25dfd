package io.mooring.provisioner.resource;

import io.micronaut.core.annotation.Nullable;
import io.mooring.events.provisioning.ResourceKind;

import java.util.Objects;

/** A validated request for a resource; {@code domain} and {@code upstream} are present exactly for sites. */
public record ResourceRequest(ResourceName name, @Nullable SiteDomain domain, @Nullable Upstream upstream) {

    public ResourceRequest {
        Objects.requireNonNull(name, "name");
        boolean site = name.kind() == ResourceKind.SITE;
        if (site != (domain != null) || site != (upstream != null)) {
            throw new IllegalArgumentException("a site, and only a site, has a domain and an upstream");
        }
    }

    public ResourceKind kind() {
        return name.kind();
    }
}
