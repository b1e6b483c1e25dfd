package io.mooring.provisioner.operation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An operation as the API shows it. {@code result} is present once: in the first operator read of a
 * succeeded operation that produced one (e.g. credentials). {@code resultAvailable} is true when this
 * answer carries the result or the result still waits for that read; false once it has been shown.
 */
@Serdeable
public record OperationView(UUID id, String kind, UUID targetId, Operation.State state, List<Operation.Step> steps,
                            int attempts, @Nullable Instant nextAttemptAt, @Nullable String error,
                            boolean resultAvailable, @Nullable Map<String, String> result,
                            Instant createdAt, Instant updatedAt) {

    public static OperationView of(Operation operation) {
        return new OperationView(operation.id(), operation.kind(), operation.targetId(), operation.state(),
                operation.steps(), operation.attempts(), operation.nextAttemptAt(), operation.error(),
                operation.resultEncrypted() != null, null, operation.createdAt(), operation.updatedAt());
    }

    public OperationView withResult(Map<String, String> values) {
        return new OperationView(id, kind, targetId, state, steps, attempts, nextAttemptAt, error, true, Map.copyOf(values),
                createdAt, updatedAt);
    }
}
