package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.util.List;

/**
 * The artifacts of a run and their manifests were deleted, following the policy's retention or because the
 * policy was stopped and its keep period ended.
 *
 * @param artifactKeys the deleted artifacts' object keys; always written
 * @param reason       {@code retention} or {@code policy-stopped}
 */
@EventType(value = "mooring.backups.run.pruned.v1", topic = Topics.BACKUPS)
public record BackupPruned(String policyId, String runId, String accountId, List<String> artifactKeys, String reason)
        implements MooringEvent {

    public BackupPruned {
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
        Require.text(accountId, "accountId");
        artifactKeys = Require.texts(artifactKeys, "artifactKeys");
        Require.text(reason, "reason");
    }

    @Override
    public String subject() {
        return policyId;
    }
}
