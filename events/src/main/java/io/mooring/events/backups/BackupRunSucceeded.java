package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.util.regex.Pattern;

/**
 * A backup run stored its artifact.
 *
 * @param artifactKey the object key of the artifact in the backup bucket
 * @param sizeBytes   the stored size of the artifact
 * @param sha256      the SHA-256 of the stored artifact, 64 lowercase hex digits
 */
@EventType(value = "mooring.backups.run.succeeded.v1", topic = Topics.BACKUPS)
public record BackupRunSucceeded(String policyId, String runId, String accountId, String artifactKey, long sizeBytes,
                                 String sha256) implements MooringEvent {

    static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    public BackupRunSucceeded {
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
        Require.text(accountId, "accountId");
        Require.text(artifactKey, "artifactKey");
        Require.notNegative(sizeBytes, "sizeBytes");
        Require.matches(sha256, SHA256, "sha256", "64 lowercase hex digits");
    }

    @Override
    public String subject() {
        return policyId;
    }
}
