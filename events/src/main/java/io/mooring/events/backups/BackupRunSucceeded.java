package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A backup run stored its artifacts and their manifests, all fully uploaded.
 *
 * @param artifactKey     the object key of the (first) artifact in the backup bucket
 * @param sizeBytes       the stored size of all the run's artifacts together
 * @param sha256          the SHA-256 of the stored (first) artifact, 64 lowercase hex digits
 * @param artifactKeys    every artifact of the run (one per resource of an account policy); always written,
 *                        absent means only {@code artifactKey}
 * @param plaintextBytes  nullable: the size of all artifacts before compression and encryption
 * @param durationSeconds nullable: from the run's start to its end
 * @param trigger         nullable: {@code schedule}, {@code manual} or {@code chat}
 */
@EventType(value = "mooring.backups.run.succeeded.v1", topic = Topics.BACKUPS)
public record BackupRunSucceeded(String policyId, String runId, String accountId, String artifactKey, long sizeBytes,
                                 String sha256, List<String> artifactKeys, Long plaintextBytes, Long durationSeconds,
                                 String trigger) implements MooringEvent {

    static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    public BackupRunSucceeded {
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
        Require.text(accountId, "accountId");
        Require.text(artifactKey, "artifactKey");
        Require.notNegative(sizeBytes, "sizeBytes");
        Require.matches(sha256, SHA256, "sha256", "64 lowercase hex digits");
        artifactKeys = Require.texts(artifactKeys, "artifactKeys");
        if (plaintextBytes != null) {
            Require.notNegative(plaintextBytes, "plaintextBytes");
        }
        if (durationSeconds != null) {
            Require.notNegative(durationSeconds, "durationSeconds");
        }
        RunTrigger.check(trigger);
    }

    /** One artifact, without the fields added later: as producers wrote it before they existed. */
    public BackupRunSucceeded(String policyId, String runId, String accountId, String artifactKey, long sizeBytes,
                              String sha256) {
        this(policyId, runId, accountId, artifactKey, sizeBytes, sha256, List.of(), null, null, null);
    }

    @Override
    public String subject() {
        return policyId;
    }
}
