package io.mooring.provisioner.resource.driver;

import io.mooring.events.provisioning.ResourceKind;

import java.util.Map;
import java.util.UUID;

/**
 * Creates and removes one kind of resource on a real server. Both calls are idempotent: provisioning
 * creates what is missing and adopts what an earlier, interrupted attempt left (issuing fresh
 * credentials), deprovisioning removes what exists and succeeds when nothing is left. They never
 * touch an object on the server that this resource did not create.
 *
 * <p>Failures are thrown as {@link DriverFailure}, classified where they happen: retriable (the server
 * is unreachable, busy or timed out) or permanent (refused, misconfigured, a name taken by something
 * else). Any other exception is treated as retriable.
 */
public interface ResourceDriver {

    ResourceKind kind();

    /** Whether a target server for this kind is configured; requests for an unavailable kind are refused. */
    default boolean available() {
        return true;
    }

    /**
     * The names this resource will have on the server (e.g. role and database), fixed when it is
     * requested and stored in its spec, so later changes to naming never orphan an existing resource.
     */
    Map<String, String> names(UUID accountId, String name);

    Provisioned provision(DriverRequest request);

    void deprovision(DriverRequest request);

    /** Whether resources of this kind have credentials that {@link #rotate} can replace. */
    default boolean hasCredentials() {
        return false;
    }

    /**
     * Gives the resource a new password and answers it; the old one stops working. Whether the
     * tenant may log in (see {@link #suspend}) is left as it is, so rotating the credentials of a
     * suspended account keeps it suspended.
     */
    default Credentials rotate(DriverRequest request) {
        throw DriverFailure.permanent("resource kind has no credentials", kind().wireName() + " resources have no credentials");
    }

    /**
     * Stops the tenant reaching the resource's data: no new logins, current sessions ended. Idempotent;
     * a resource that does not exist on the server (yet) has nothing to block.
     */
    default AccessChange suspend(DriverRequest request) {
        return AccessChange.of("nothing to block on a server");
    }

    /** Undoes {@link #suspend}, using what it remembered in the spec. Idempotent. */
    default AccessChange resume(DriverRequest request) {
        return AccessChange.of("nothing to restore on a server");
    }
}
