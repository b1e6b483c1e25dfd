package io.mooring.chatops.webhook;

import io.micronaut.core.annotation.Nullable;
import io.mooring.chatops.queue.TargetDelivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A checked target and where it comes from.
 *
 * @param source      {@link #SETTINGS} (read-only), {@link #FILE} (read-only, from the targets file) or {@link #API}
 * @param secretNames the names of its secrets (their values stay in {@link #spec()})
 * @param spec        as stored (null for targets from the settings)
 */
public record ManagedTarget(WebhookTarget target, String source, Map<String, String> options, List<String> secretNames,
                            TargetDelivery delivery, @Nullable TargetSpec spec, @Nullable Instant createdAt,
                            @Nullable Instant updatedAt) {
    public static final String SETTINGS = "settings";
    public static final String FILE = "file";
    public static final String API = "api";

    public ManagedTarget {
        options = Map.copyOf(options);
        secretNames = List.copyOf(secretNames);
    }

    public String name() {
        return target.name();
    }

    /** Kept in Redis (created by the API or the file), rather than in the settings. */
    public boolean stored() {
        return !SETTINGS.equals(source);
    }

    @Override
    public String toString() {
        return target + "[source=" + source + ", delivery=" + delivery + "]";
    }
}
