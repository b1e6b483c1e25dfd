package io.mooring.events.content;

import io.mooring.events.WireValue;

/** What an account did with a status. Events carry the wire name. */
public enum InteractionKind implements WireValue {
    FAVOURITE("favourite"),
    BOOKMARK("bookmark"),
    BOOST("boost");

    private final String wireName;

    InteractionKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The constant named {@code value}, or an {@link IllegalArgumentException}. */
    public static InteractionKind fromWire(String value) {
        return WireValue.parse(InteractionKind.class, value, "kind");
    }
}
