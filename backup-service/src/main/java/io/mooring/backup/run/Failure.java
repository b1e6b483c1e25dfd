package io.mooring.backup.run;

import io.mooring.events.WireValue;

/**
 * How a run failed, decided once where it failed. Scheduled runs retry {@link #TRANSIENT}, {@link #TIMEOUT} and
 * {@link #INTERRUPTED} failures; a {@link #PERMANENT} one waits for the next slot.
 */
public enum Failure implements WireValue {
    /** A store, network or server fault. */
    TRANSIENT("transient"),
    /** Retrying cannot help: no such database, no writer for the kind, a bad setting. */
    PERMANENT("permanent"),
    /** The run exceeded {@code mooring.backup.run-timeout}. */
    TIMEOUT("timeout"),
    /** The instance running it stopped. */
    INTERRUPTED("interrupted");

    private final String wireName;

    Failure(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public boolean retriable() {
        return this != PERMANENT;
    }

    public static Failure fromWire(String value) {
        return WireValue.parse(Failure.class, value, "failure");
    }
}
