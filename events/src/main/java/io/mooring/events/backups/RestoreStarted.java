package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * Restoring the artifacts of a run began.
 *
 * @param restoreId  the id of the restore operation
 * @param targetName what is restored into: a database, the account (its Redis prefix) or a bucket
 * @param overwrite  whether an existing target may be replaced
 */
@EventType(value = "mooring.backups.restore.started.v1", topic = Topics.BACKUPS)
public record RestoreStarted(String policyId, String runId, String accountId, String restoreId, String targetName,
                             boolean overwrite) implements MooringEvent {

    public RestoreStarted {
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
        Require.text(accountId, "accountId");
        Require.text(restoreId, "restoreId");
        Require.text(targetName, "targetName");
    }

    @Override
    public String subject() {
        return policyId;
    }
}
