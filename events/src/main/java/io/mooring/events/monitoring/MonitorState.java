package io.mooring.events.monitoring;

import io.mooring.events.WireValue;

/** What a monitor last concluded about its target. Events carry the wire name. */
public enum MonitorState implements WireValue {
    UP("UP"),
    DOWN("DOWN"),
    DEGRADED("DEGRADED"),
    UNKNOWN("UNKNOWN"),
    PAUSED("PAUSED");

    private final String wireName;

    MonitorState(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The constant named {@code value}, or an {@link IllegalArgumentException}. */
    public static MonitorState fromWire(String value) {
        return WireValue.parse(MonitorState.class, value, "state");
    }
}
