package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * Restoring the artifact of a run failed.
 *
 * @param reason what went wrong, for operators
 */
@EventType(value = "mooring.backups.restore.failed.v1", topic = Topics.BACKUPS)
public record RestoreFailed(String policyId, String runId, String accountId, String reason) implements MooringEvent {

    public RestoreFailed {
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
