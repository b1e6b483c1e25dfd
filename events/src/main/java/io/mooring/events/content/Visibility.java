package io.mooring.events.content;

import io.mooring.events.WireValue;

/** Who may see a status, as Mastodon defines it. Events carry the wire name. */
public enum Visibility implements WireValue {
    PUBLIC("public"),
    UNLISTED("unlisted"),
    PRIVATE("private"),
    DIRECT("direct");

    private final String wireName;

    Visibility(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The constant named {@code value}, or an {@link IllegalArgumentException}. */
    public static Visibility fromWire(String value) {
        return WireValue.parse(Visibility.class, value, "visibility");
    }
}
