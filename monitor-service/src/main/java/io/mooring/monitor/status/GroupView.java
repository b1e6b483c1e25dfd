package io.mooring.monitor.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** A group as the API shows it. */
@Serdeable
public record GroupView(UUID id, String name, @Nullable String description, @JsonProperty("public") boolean isPublic,
                        int order, int monitorCount, Instant createdAt, Instant updatedAt) {

    static GroupView of(MonitorGroup group, int monitorCount) {
        return new GroupView(group.id(), group.name(), group.description(), group.isPublic(), group.position(),
                monitorCount, group.createdAt(), group.updatedAt());
    }
}
