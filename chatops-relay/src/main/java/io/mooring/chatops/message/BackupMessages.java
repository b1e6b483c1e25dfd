package io.mooring.chatops.message;

import io.mooring.events.MooringEvent;
import io.mooring.events.backups.BackupCommandRejected;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupPolicyDeleted;
import io.mooring.events.backups.BackupPolicyPaused;
import io.mooring.events.backups.BackupPolicyResumed;
import io.mooring.events.backups.BackupPolicyUpdated;
import io.mooring.events.backups.BackupPruned;
import io.mooring.events.backups.BackupRunFailed;
import io.mooring.events.backups.BackupRunStarted;
import io.mooring.events.backups.BackupRunSucceeded;
import io.mooring.events.backups.BackupVerified;
import io.mooring.events.backups.RestoreCompleted;
import io.mooring.events.backups.RestoreFailed;
import io.mooring.events.backups.RestoreStarted;

import java.util.Locale;
import java.util.Optional;

/** Messages for {@code mooring.backups} events: policies, runs and restores. */
final class BackupMessages {

    private BackupMessages() {
    }

    static Optional<String> render(MooringEvent event) {
        return Optional.ofNullable(switch (event) {
            case BackupPolicyCreated e -> "🗓️ Backup policy " + e.policyId() + " created for "
                    + HumanFormat.backupTarget(e.target()) + " of account "
                    + e.accountId() + ": " + e.schedule() + " (" + (e.timeZone() == null ? "UTC" : e.timeZone())
                    + "), kept " + e.retentionDays() + (e.retentionDays() == 1 ? " day" : " days");
            case BackupPolicyDeleted e -> "🗑️ Backup policy " + e.policyId() + " of account " + e.accountId() + " deleted";
            case BackupPolicyUpdated e -> "✏️ Backup policy " + e.policyId() + " of account " + e.accountId() + " updated: "
                    + e.schedule() + " (" + e.timeZone() + "), " + e.state().toLowerCase(Locale.ROOT)
                    + (e.keepArtifactsUntil() == null ? "" : ", artifacts kept until " + e.keepArtifactsUntil());
            case BackupPolicyPaused e -> "⏸️ Backup policy " + e.policyId() + " of account " + e.accountId() + " paused: "
                    + e.reason();
            case BackupPolicyResumed e -> "▶️ Backup policy " + e.policyId() + " of account " + e.accountId() + " resumed: "
                    + e.reason();
            case BackupRunStarted e -> "⏳ Backup run " + e.runId() + " of account " + e.accountId()
                    + " started (policy " + e.policyId() + ")";
            case BackupRunSucceeded e -> "💾 Backup run " + e.runId() + " of account " + e.accountId() + " succeeded: "
                    + HumanFormat.bytes(e.sizeBytes()) + " stored as " + e.artifactKey();
            case BackupRunFailed e -> "❌ Backup run " + e.runId() + " of account " + e.accountId() + " failed: " + e.reason();
            case BackupVerified e -> e.ok()
                    ? "✅ Backup run " + e.runId() + " verified (policy " + e.policyId() + ")"
                    : "⚠️ Backup run " + e.runId() + " failed verification (policy " + e.policyId() + ")"
                    + (e.reason() == null ? "" : ": " + e.reason());
            case BackupPruned e -> "🧹 Backup run " + e.runId() + " of account " + e.accountId() + " pruned ("
                    + e.reason() + ")";
            case RestoreStarted e -> "⏳ Restoring backup run " + e.runId() + " of account " + e.accountId() + " into "
                    + e.targetName() + (e.overwrite() ? " (overwriting)" : "");
            case RestoreCompleted e -> "✅ Backup run " + e.runId() + " restored into account " + e.accountId();
            case RestoreFailed e -> "❌ Restoring backup run " + e.runId() + " into account " + e.accountId()
                    + " failed: " + e.reason();
            case BackupCommandRejected e -> HumanFormat.refusal(e.command(), e.target(), e.reason());
            default -> null;
        });
    }
}
