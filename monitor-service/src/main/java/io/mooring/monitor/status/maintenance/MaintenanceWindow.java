package io.mooring.monitor.status.maintenance;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Planned work on some monitors from {@code startsAt} to {@code endsAt}. */
public record MaintenanceWindow(UUID id, String title, @Nullable String description, Instant startsAt, Instant endsAt,
                                Instant createdAt, List<UUID> monitorIds) {

    public MaintenanceWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a window must end after it starts");
        }
        monitorIds = List.copyOf(monitorIds);
    }

    /** Whether the window is under way at {@code at} (its start included, its end not). */
    public boolean covers(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
