package io.mooring.backup.run;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * A restore or a verification of a run's artifacts, as stored in {@code backup_restore}.
 *
 * @param targetName where it restores to (for an account run, its targets joined by {@code ", "}); for a
 *                   verification, the scratch database
 */
public record BackupRestore(UUID id, UUID runId, UUID policyId, String accountId, Purpose purpose, String targetName,
                            boolean overwrite, State state, @Nullable String reason, long progressBytes,
                            Instant startedAt, @Nullable Instant finishedAt, String ownerInstance) {

    public enum Purpose { RESTORE, VERIFY }

    public enum State { RUNNING, SUCCEEDED, FAILED }
}
