package io.mooring.provisioner.account;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.provisioner.placement.PlacementConstraints;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant: an isolated slice of one host with the limits of its plan.
 *
 * @param placement       where it may be placed; migrations and drains honour it too
 * @param suspendedReason why it is suspended; kept while it is deleted, so a restore returns it suspended
 * @param deletedFrom     the state a restore returns to
 * @param purgeAfter      when a deleted account is purged; until then it can be restored
 */
@Serdeable
@MappedEntity("account")
public record Account(@Id UUID id, String name, String plan, String ownerEmail, @Nullable UUID hostId, State state,
                      @TypeDef(type = DataType.JSON) PlacementConstraints placement,
                      @Nullable String suspendedReason, @Nullable @JsonIgnore State deletedFrom,
                      @Nullable Instant deletedAt, @Nullable Instant purgeAfter,
                      Instant createdAt, Instant updatedAt) {

    /**
     * REQUESTED → READY ⇄ SUSPENDED; REQUESTED → FAILED when no host fits any more; READY, SUSPENDED or FAILED → DELETED → (restore) back, or
     * (after the grace period) PURGED, which frees the name for good.
     */
    public enum State { REQUESTED, READY, SUSPENDED, FAILED, DELETED, PURGED }

    public static Account requested(UUID id, String name, String plan, String ownerEmail, PlacementConstraints placement,
                                    Instant now) {
        return new Account(id, name, plan, ownerEmail, null, State.REQUESTED, placement, null, null, null, null, now, now);
    }

    public Account ready(UUID host, Instant now) {
        return new Account(id, name, plan, ownerEmail, host, State.READY, placement, null, null, null, null, createdAt, now);
    }

    /** Could not be placed; it holds no host. */
    public Account failed(Instant now) {
        return new Account(id, name, plan, ownerEmail, null, State.FAILED, placement, null, null, null, null, createdAt, now);
    }

    public Account suspended(String reason, Instant now) {
        return new Account(id, name, plan, ownerEmail, hostId, State.SUSPENDED, placement, reason, null, null, null, createdAt, now);
    }

    public Account resumed(Instant now) {
        return new Account(id, name, plan, ownerEmail, hostId, State.READY, placement, null, null, null, null, createdAt, now);
    }

    public Account deleted(Instant purgeAfter, Instant now) {
        return new Account(id, name, plan, ownerEmail, hostId, State.DELETED, placement, suspendedReason, state, now, purgeAfter,
                createdAt, now);
    }

    public Account restored(Instant now) {
        return new Account(id, name, plan, ownerEmail, hostId, deletedFrom, placement, suspendedReason, null, null, null,
                createdAt, now);
    }

    /** Gone for good: it holds no host any more and its name is free. */
    public Account purged(Instant now) {
        return new Account(id, name, plan, ownerEmail, null, State.PURGED, placement, suspendedReason, deletedFrom, deletedAt,
                purgeAfter, createdAt, now);
    }

    public Account onPlan(String newPlan, Instant now) {
        return new Account(id, name, newPlan, ownerEmail, hostId, state, placement, suspendedReason, deletedFrom, deletedAt,
                purgeAfter, createdAt, now);
    }

    public Account movedTo(UUID host, Instant now) {
        return new Account(id, name, plan, ownerEmail, host, state, placement, suspendedReason, deletedFrom, deletedAt, purgeAfter,
                createdAt, now);
    }
}
