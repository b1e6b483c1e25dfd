package io.mooring.provisioner.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** A tenant: an isolated slice of one host with the limits of its plan. */
@Serdeable
@MappedEntity("account")
public record Account(@Id UUID id, String name, String plan, String ownerEmail, @Nullable UUID hostId, State state,
                      Instant createdAt, Instant updatedAt) {

    public enum State { REQUESTED, READY, SUSPENDED, FAILED, DELETED }
}
