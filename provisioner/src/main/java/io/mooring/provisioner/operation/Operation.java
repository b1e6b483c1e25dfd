package io.mooring.provisioner.operation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** An asynchronous change and how far it got. */
@Serdeable
@MappedEntity("operation")
public record Operation(@Id UUID id, String kind, UUID targetId, State state, @Nullable String error,
                        Instant createdAt, Instant updatedAt) {

    public enum State { RUNNING, SUCCEEDED, FAILED }

    public Operation succeeded(Instant now) {
        return new Operation(id, kind, targetId, State.SUCCEEDED, null, createdAt, now);
    }
}
