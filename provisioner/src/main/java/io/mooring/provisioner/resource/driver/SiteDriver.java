package io.mooring.provisioner.resource.driver;

import io.mooring.events.provisioning.ResourceKind;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;

/**
 * A site needs no external call: its domain and upstream were validated when it was requested, and
 * once ready it is part of its host's desired state, which the host's agent applies.
 */
@Singleton
public class SiteDriver implements ResourceDriver {
    public static final String DOMAIN = "domain";
    public static final String UPSTREAM = "upstream";

    @Override
    public ResourceKind kind() {
        return ResourceKind.SITE;
    }

    @Override
    public Map<String, String> names(UUID accountId, String name) {
        return Map.of();
    }

    @Override
    public Provisioned provision(DriverRequest request) {
        return new Provisioned("https://" + request.required(DOMAIN), Map.of(), null);
    }

    @Override
    public void deprovision(DriverRequest request) {
        // nothing outside the provisioner: a deleted site drops out of the host's desired state
    }

    /** A suspended account's sites answer 503 through its host's desired state; nothing to do here. */
    @Override
    public AccessChange suspend(DriverRequest request) {
        return AccessChange.of("the site answers 503 through its host's desired state");
    }

    @Override
    public AccessChange resume(DriverRequest request) {
        return AccessChange.of("the site is proxied again through its host's desired state");
    }
}
