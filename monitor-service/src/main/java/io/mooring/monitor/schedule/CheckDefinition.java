package io.mooring.monitor.schedule;

import io.micronaut.core.annotation.Nullable;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.monitor.monitor.MonitorSettings;

import java.util.Objects;
import java.util.UUID;

/** What one check of a monitor needs, as the schedule in Redis holds it. */
public record CheckDefinition(UUID id, MonitorKind kind, @Nullable String target, MonitorSettings settings,
                              int timeoutSeconds) {
    public CheckDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(settings, "settings");
    }
}
