package io.mooring.backup.policy;

import java.util.Objects;

/**
 * One resource of an account that the service backs up.
 *
 * @param name the name on the server: the database or bucket name, or the account id for
 *             {@link TargetKind#REDIS_NAMESPACE} (the account's keys share the prefix {@code acct:<id>:})
 */
public record AccountResource(TargetKind kind, String name) {
    public AccountResource {
        Objects.requireNonNull(kind, "kind");
        if (kind == TargetKind.ACCOUNT) {
            throw new IllegalArgumentException("an account resource is one resource, not the account");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
    }
}
