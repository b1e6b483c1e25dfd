package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * Restoring the artifacts of a run failed.
 *
 * @param reason    what went wrong, for operators
 * @param restoreId nullable: the id of the restore operation; absent in events written before it existed
 */
@EventType(value = "mooring.backups.restore.failed.v1", topic = Topics.BACKUPS)
public record RestoreFailed(String policyId, String runId, String accountId, String reason, String restoreId)
        implements MooringEvent {

    public RestoreFailed {
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
        Require.text(accountId, "accountId");
        Require.text(reason, "reason");
        Require.optionalText(restoreId, "restoreId");
    }

    /** Without the restore id: as producers wrote it before the field existed. */
    public RestoreFailed(String policyId, String runId, String accountId, String reason) {
        this(policyId, runId, accountId, reason, null);
    }

    @Override
    public String subject() {
        return policyId;
    }
}
