package io.mooring.backup.artifact;

import io.mooring.backup.destination.Destination;
import io.mooring.backup.policy.TargetKind;

import java.util.List;
import java.util.Objects;

/**
 * One resource of one run to back up.
 *
 * @param targetName              the database name, the account id (Redis keys under {@code acct:<id>:}) or the bucket
 * @param key                     the artifact's object key in the destination (its manifest is {@code key + ".manifest.json"})
 * @param ageRecipients           at least one age X25519 recipient
 * @param bandwidthBytesPerSecond upload cap for this artifact; 0 for none
 */
public record ArtifactRequest(String accountId, String policyId, String runId, TargetKind kind, String targetName,
                              Destination destination, String key, int zstdLevel, List<String> ageRecipients,
                              long bandwidthBytesPerSecond) {
    public ArtifactRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(destination, "destination");
        ageRecipients = List.copyOf(ageRecipients);
        if (ageRecipients.isEmpty()) {
            throw new IllegalArgumentException("an artifact needs at least one age recipient");
        }
    }

    /** The object key of the manifest beside the artifact. */
    public String manifestKey() {
        return key + ".manifest.json";
    }
}
