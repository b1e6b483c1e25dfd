package io.mooring.events.provisioning;

import io.mooring.events.WireValue;

/** What kind of thing a resource of an account is. Events carry the wire name. */
public enum ResourceKind implements WireValue {
    POSTGRES_DATABASE("postgres-database"),
    REDIS_NAMESPACE("redis-namespace"),
    BUCKET("bucket"),
    SITE("site");

    private final String wireName;

    ResourceKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The kind named {@code value}, or an {@link IllegalArgumentException}. */
    public static ResourceKind fromWire(String value) {
        return WireValue.parse(ResourceKind.class, value, "kind");
    }
}
