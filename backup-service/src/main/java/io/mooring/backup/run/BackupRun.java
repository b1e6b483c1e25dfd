package io.mooring.backup.run;

import io.micronaut.core.annotation.Nullable;
import io.mooring.backup.policy.TargetKind;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One execution of a policy, as stored in {@code backup_run}.
 *
 * @param slot      the schedule slot a scheduled run serves; null for manual and chat runs
 * @param artifacts the artifacts written so far (all of them once {@link RunState#SUCCEEDED})
 */
public record BackupRun(UUID id, UUID policyId, String accountId, TargetKind kind, String targetName,
                        String destination, Trigger trigger, @Nullable Instant slot, int attempt, RunState state,
                        @Nullable String reason, @Nullable Failure failure, long progressBytes,
                        @Nullable Long plaintextBytes, @Nullable Long storedBytes, Instant startedAt,
                        @Nullable Instant finishedAt, String ownerInstance, Instant heartbeatAt,
                        List<RunArtifact> artifacts) {

    public BackupRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(state, "state");
        artifacts = List.copyOf(artifacts);
    }

    /** From start to end, or to {@code now} while running. */
    public Duration duration(Instant now) {
        return Duration.between(startedAt, finishedAt == null ? now : finishedAt);
    }

    BackupRun withArtifacts(List<RunArtifact> found) {
        return new BackupRun(id, policyId, accountId, kind, targetName, destination, trigger, slot, attempt, state,
                reason, failure, progressBytes, plaintextBytes, storedBytes, startedAt, finishedAt, ownerInstance,
                heartbeatAt, found);
    }
}
