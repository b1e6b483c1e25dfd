package io.mooring.monitor.schedule;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Monitors changed by a transaction, for {@link ScheduleSync} to copy into the schedule once it commits; with
 * {@code from}, each is placed at its first slot at or after it.
 */
public record ScheduleChange(List<UUID> ids, @Nullable Instant from) {
    public ScheduleChange {
        ids = List.copyOf(ids);
    }
}
