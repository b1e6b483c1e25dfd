package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * The artifacts of a run were restored.
 *
 * @param restoreId       nullable: the id of the restore operation; absent in events written before it existed
 * @param targetName      nullable: what was restored into
 * @param durationSeconds nullable: from the restore's start to its end
 */
@EventType(value = "mooring.backups.restore.completed.v1", topic = Topics.BACKUPS)
public record RestoreCompleted(String policyId, String runId, String accountId, String restoreId, String targetName,
                               Long durationSeconds) implements MooringEvent {

    public RestoreCompleted {
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
        Require.text(accountId, "accountId");
        Require.optionalText(restoreId, "restoreId");
        Require.optionalText(targetName, "targetName");
        if (durationSeconds != null) {
            Require.notNegative(durationSeconds, "durationSeconds");
        }
    }

    /** Without the fields added later: as producers wrote it before they existed. */
    public RestoreCompleted(String policyId, String runId, String accountId) {
        this(policyId, runId, accountId, null, null, null);
    }

    @Override
    public String subject() {
        return policyId;
    }
}
