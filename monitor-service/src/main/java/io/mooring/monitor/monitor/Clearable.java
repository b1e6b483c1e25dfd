package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;

/**
 * A field of a PATCH that may be set or cleared: absent from the body it is a null reference (no change), sent as
 * JSON {@code null} it is {@link #CLEARED}, sent as a string it holds that text ({@link ClearableDeserializer}).
 */
public record Clearable(@Nullable String text) {
    public static final Clearable CLEARED = new Clearable(null);

    public boolean cleared() {
        return text == null;
    }
}
