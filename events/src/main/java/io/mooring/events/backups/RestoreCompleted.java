package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** The artifact of a run was restored into the account's resource. */
@EventType(value = "mooring.backups.restore.completed.v1", topic = Topics.BACKUPS)
public record RestoreCompleted(String policyId, String runId, String accountId) implements MooringEvent {

    public RestoreCompleted {
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
        Require.text(accountId, "accountId");
    }

    @Override
    public String subject() {
        return policyId;
    }
}
