package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** A backup run of a policy began. */
@EventType(value = "mooring.backups.run.started.v1", topic = Topics.BACKUPS)
public record BackupRunStarted(String policyId, String runId, String accountId) implements MooringEvent {

    public BackupRunStarted {
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
        Require.text(accountId, "accountId");
    }

    @Override
    public String subject() {
        return policyId;
    }
}
