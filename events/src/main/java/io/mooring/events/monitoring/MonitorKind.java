package io.mooring.events.monitoring;

import io.mooring.events.WireValue;

/** How a monitor checks its target. Events carry the wire name. */
public enum MonitorKind implements WireValue {
    HTTP("http"),
    TCP("tcp"),
    HEARTBEAT("heartbeat");

    private final String wireName;

    MonitorKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The constant named {@code value}, or an {@link IllegalArgumentException}. */
    public static MonitorKind fromWire(String value) {
        return WireValue.parse(MonitorKind.class, value, "kind");
    }
}
