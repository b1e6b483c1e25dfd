package io.mooring.chatops.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.chatops.queue.TargetDelivery;

import java.util.List;
import java.util.Map;

/**
 * A target as the API takes it and the targets file holds it (see {@link TargetRules} for what is valid).
 *
 * @param name       stable name, {@code [a-z0-9][a-z0-9_-]*}, up to 63 characters
 * @param kind       {@code slack}, {@code matrix} or {@code generic} (the default)
 * @param secrets    write-only: the values that give access (the webhook {@code url}); never shown back
 * @param options    the kind's other fields (none for today's kinds)
 * @param eventTypes type prefixes the target wants while there is no route; empty means every event
 * @param delivery   per-target rate, burst, grouping wait and give-up age; unset fields take the global settings
 */
@Serdeable
public record TargetSpec(@Nullable String name, @Nullable String kind, @Nullable Map<String, String> secrets,
                         @Nullable Map<String, String> options, @Nullable List<String> eventTypes,
                         @Nullable TargetDelivery delivery) {

    /** Never prints the secrets' values. */
    @Override
    public String toString() {
        return "TargetSpec[name=" + name + ", kind=" + kind + ", secrets=" + (secrets == null ? null : secrets.keySet())
                + ", options=" + options + ", eventTypes=" + eventTypes + ", delivery=" + delivery + "]";
    }
}
