package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * The artifact of a run was checked, e.g. read back and compared with its checksum.
 *
 * @param ok whether the artifact passed the check
 */
@EventType(value = "mooring.backups.run.verified.v1", topic = Topics.BACKUPS)
public record BackupVerified(String policyId, String runId, boolean ok) implements MooringEvent {

    public BackupVerified {
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
    }

    @Override
    public String subject() {
        return policyId;
    }
}
