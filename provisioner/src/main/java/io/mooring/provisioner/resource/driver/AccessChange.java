package io.mooring.provisioner.resource.driver;

import java.util.Map;
import java.util.Objects;

/**
 * What suspending or resuming a resource did on its server.
 *
 * @param detail   one line for the operation's step, e.g. "role acct_1_main: NOLOGIN, 2 sessions ended"
 * @param remember settings to keep in the resource's spec until it is resumed (keys start with
 *                 {@value #PREFIX}), e.g. a bucket's ACL before suspension; resuming removes them
 */
public record AccessChange(String detail, Map<String, String> remember) {
    public static final String PREFIX = "suspension.";

    public AccessChange {
        Objects.requireNonNull(detail, "detail");
        remember = Map.copyOf(remember);
        remember.keySet().forEach(key -> {
            if (!key.startsWith(PREFIX)) {
                throw new IllegalArgumentException("remembered keys start with " + PREFIX + ", was " + key);
            }
        });
    }

    public static AccessChange of(String detail) {
        return new AccessChange(detail, Map.of());
    }
}
