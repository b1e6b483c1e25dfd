package io.mooring.backup.policy;

import io.mooring.events.WireValue;

/** What a backup policy copies. Stored and sent by its wire name. */
public enum TargetKind implements WireValue {
    POSTGRES_DATABASE("postgres-database"),
    REDIS_NAMESPACE("redis-namespace"),
    BUCKET("bucket"),
    /** Everything the account owns, as one backup. */
    ACCOUNT("account");

    /** Every wire name, as a regular expression for request validation. */
    public static final String PATTERN = "postgres-database|redis-namespace|bucket|account";

    private final String wireName;

    TargetKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The kind named {@code value}, or an {@link IllegalArgumentException} naming {@code targetKind}. */
    public static TargetKind fromWire(String value) {
        return WireValue.parse(TargetKind.class, value, "targetKind");
    }
}
