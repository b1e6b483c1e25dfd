package io.mooring.events.monitoring;

import io.mooring.events.WireValue;

/** What changed an open incident, as its timeline entry says. Events carry the wire name. */
public enum IncidentUpdateKind implements WireValue {
    /** The monitor failed again while its incident was open ({@code down again: …}). */
    STATE_CHANGED("state-changed"),
    /** The monitor answers again but flaps, so the incident stays open. */
    FLAPPING("flapping"),
    /** A monitor depending on this one went DOWN too and joined the incident ({@code also down: <name>}). */
    ALSO_DOWN("also-down");

    private final String wireName;

    IncidentUpdateKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The constant named {@code value}, or an {@link IllegalArgumentException}. */
    public static IncidentUpdateKind fromWire(String value) {
        return WireValue.parse(IncidentUpdateKind.class, value, "kind");
    }
}
