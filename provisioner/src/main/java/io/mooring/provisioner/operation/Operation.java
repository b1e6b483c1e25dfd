package io.mooring.provisioner.operation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An asynchronous change and how far it got. Work that runs in the background is {@code RUNNING}
 * with {@code nextAttemptAt} set: the time it is due, or, while a worker holds it, the end of that
 * worker's lease. {@code resultEncrypted} is a one-time result (e.g. generated credentials) that is
 * wiped once it has been shown; it never appears in JSON.
 */
@Serdeable
@MappedEntity("operation")
public record Operation(@Id UUID id, String kind, UUID targetId, State state, @Nullable String error,
                        Instant createdAt, Instant updatedAt,
                        @TypeDef(type = DataType.JSON) List<Step> steps,
                        @JsonIgnore @Nullable byte[] resultEncrypted,
                        int attempts,
                        @Nullable Instant nextAttemptAt) {

    public enum State { RUNNING, SUCCEEDED, FAILED }

    /** One named phase of an operation. */
    @Serdeable
    public record Step(String name, StepState state, @Nullable String detail, Instant at) {
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(at, "at");
        }
    }

    public enum StepState { PENDING, RUNNING, DONE, FAILED }

    @Creator
    public Operation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        steps = steps == null ? List.of() : List.copyOf(steps);
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /** An operation without steps or background work, e.g. one that completes in its request. */
    public Operation(UUID id, String kind, UUID targetId, State state, @Nullable String error,
                     Instant createdAt, Instant updatedAt) {
        this(id, kind, targetId, state, error, createdAt, updatedAt, List.of(), null, 0, null);
    }

    /** A new operation for background work, due now. */
    public static Operation scheduled(UUID id, String kind, UUID targetId, List<Step> steps, Instant now) {
        return new Operation(id, kind, targetId, State.RUNNING, null, now, now, steps, null, 0, now);
    }

    public Operation succeeded(Instant now) {
        return new Operation(id, kind, targetId, State.SUCCEEDED, null, createdAt, now, steps, resultEncrypted, attempts, null);
    }

    /** Succeeded, holding a one-time result. */
    public Operation succeeded(Instant now, @Nullable byte[] result) {
        return new Operation(id, kind, targetId, State.SUCCEEDED, null, createdAt, now, steps, result, attempts, null);
    }

    /** The same operation with its one-time result wiped. */
    public Operation withoutResult() {
        return new Operation(id, kind, targetId, state, error, createdAt, updatedAt, steps, null, attempts, nextAttemptAt);
    }

    public Operation failed(String reason, Instant now) {
        return new Operation(id, kind, targetId, State.FAILED, reason, createdAt, now, steps, null, attempts, null);
    }

    /** Taken by a worker for one more attempt, held until {@code leaseEnd}. */
    public Operation attempted(Instant now, Instant leaseEnd) {
        return new Operation(id, kind, targetId, state, error, createdAt, now, steps, resultEncrypted, attempts + 1, leaseEnd);
    }

    /** Due again at {@code at}. */
    public Operation dueAt(Instant at, Instant now) {
        return new Operation(id, kind, targetId, state, error, createdAt, now, steps, resultEncrypted, attempts, at);
    }

    /** With the step named {@code name} replaced (or appended when absent). */
    public Operation withStep(String name, StepState stepState, @Nullable String detail, Instant now) {
        List<Step> updated = new ArrayList<>(steps);
        Step step = new Step(name, stepState, detail, now);
        int index = indexOf(name);
        if (index < 0) {
            updated.add(step);
        } else {
            updated.set(index, step);
        }
        return new Operation(id, kind, targetId, state, error, createdAt, now, updated, resultEncrypted, attempts, nextAttemptAt);
    }

    private int indexOf(String name) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
