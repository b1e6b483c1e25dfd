package io.mooring.monitor.status;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Monitors shown together on the status page. Private unless {@code isPublic}: only public groups
 * and their monitors are shown to visitors. Not served as such: the API answers with {@link GroupView}.
 *
 * @param position where the group comes on the status page (ascending, then by name)
 */
@MappedEntity("monitor_group")
public record MonitorGroup(@Id UUID id, String name, @Nullable String description, boolean isPublic, int position,
                           Instant createdAt, Instant updatedAt) {

    public MonitorGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
