package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * A backup run ended without an artifact.
 *
 * @param reason what went wrong, for operators
 */
@EventType(value = "mooring.backups.run.failed.v1", topic = Topics.BACKUPS)
public record BackupRunFailed(String policyId, String runId, String accountId, String reason) implements MooringEvent {

    public BackupRunFailed {
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
        Require.text(accountId, "accountId");
        Require.text(reason, "reason");
    }

    @Override
    public String subject() {
        return policyId;
    }
}
