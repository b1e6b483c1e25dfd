package io.mooring.events.monitoring;

import io.mooring.events.WireValue;

/** How bad an incident is. Events carry the wire name. */
public enum IncidentSeverity implements WireValue {
    MINOR("minor"),
    MAJOR("major"),
    CRITICAL("critical");

    private final String wireName;

    IncidentSeverity(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The constant named {@code value}, or an {@link IllegalArgumentException}. */
    public static IncidentSeverity fromWire(String value) {
        return WireValue.parse(IncidentSeverity.class, value, "severity");
    }
}
