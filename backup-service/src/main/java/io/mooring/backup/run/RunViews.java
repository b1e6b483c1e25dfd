package io.mooring.backup.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the API answers about runs, restores and verifications: the stored rows stay private. */
final class RunViews {
    private RunViews() {
    }

    /** A run as an operation: its state and how far it came. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Run(UUID id, UUID policyId, String accountId, String targetKind, String targetName, String destination,
               String trigger, @Nullable Instant slot, int attempt, String state, @Nullable String reason,
               @Nullable String failure, long progressBytes, @Nullable Long plaintextBytes, @Nullable Long storedBytes,
               Instant startedAt, @Nullable Instant finishedAt, List<Artifact> artifacts) {

        static Run of(BackupRun r, long liveProgress) {
            return new Run(r.id(), r.policyId(), r.accountId(), r.kind().wireName(), r.targetName(), r.destination(),
                    r.trigger().wireName(), r.slot(), r.attempt(), r.state().name(), r.reason(),
                    r.failure() == null ? null : r.failure().wireName(),
                    Math.max(r.progressBytes(), liveProgress), r.plaintextBytes(), r.storedBytes(), r.startedAt(),
                    r.finishedAt(), r.artifacts().stream().map(Artifact::of).toList());
        }
    }

    @Serdeable
    record Artifact(String targetKind, String targetName, String key, String manifestKey, long plaintextBytes,
                    long storedBytes, String plaintextSha256, String storedSha256) {
        static Artifact of(RunArtifact a) {
            return new Artifact(a.kind().wireName(), a.targetName(), a.key(), a.manifestKey(), a.plaintextBytes(),
                    a.storedBytes(), a.plaintextSha256(), a.storedSha256());
        }
    }

    /** One event of a restore or verification, as announced on {@code mooring.backups}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Event(String type, Instant at, @Nullable String reason) {
    }

    /** A restore or verification as an operation: state, progress and its events so far. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Restore(UUID id, String purpose, UUID runId, UUID policyId, String accountId, String targetName,
                   boolean overwrite, String state, @Nullable String reason, long progressBytes, Instant startedAt,
                   @Nullable Instant finishedAt, List<Event> events) {

        static Restore of(BackupRestore r, long liveProgress) {
            List<Event> events = new java.util.ArrayList<>();
            boolean verify = r.purpose() == BackupRestore.Purpose.VERIFY;
            if (!verify) {
                events.add(new Event("mooring.backups.restore.started.v1", r.startedAt(), null));
            }
            if (r.finishedAt() != null) {
                boolean ok = r.state() == BackupRestore.State.SUCCEEDED;
                String type = verify ? "mooring.backups.run.verified.v1"
                        : ok ? "mooring.backups.restore.completed.v1" : "mooring.backups.restore.failed.v1";
                events.add(new Event(type, r.finishedAt(), r.reason()));
            }
            return new Restore(r.id(), r.purpose().name().toLowerCase(java.util.Locale.ROOT), r.runId(), r.policyId(),
                    r.accountId(), r.targetName(), r.overwrite(), r.state().name(), r.reason(),
                    Math.max(r.progressBytes(), liveProgress), r.startedAt(), r.finishedAt(), events);
        }
    }
}
