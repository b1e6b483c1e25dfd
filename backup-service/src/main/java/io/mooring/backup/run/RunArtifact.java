package io.mooring.backup.run;

import io.mooring.backup.artifact.ArtifactWritten;
import io.mooring.backup.policy.TargetKind;

import java.time.Instant;

/** One artifact of a run: a resource's backup and its manifest, both uploaded. */
public record RunArtifact(int position, TargetKind kind, String targetName, String key, String manifestKey,
                          long plaintextBytes, long storedBytes, String plaintextSha256, String storedSha256,
                          Instant startedAt, Instant finishedAt) {

    static RunArtifact of(int position, TargetKind kind, String targetName, ArtifactWritten written) {
        return new RunArtifact(position, kind, targetName, written.key(), written.manifestKey(),
                written.plaintextBytes(), written.storedBytes(), written.plaintextSha256(), written.storedSha256(),
                written.startedAt(), written.finishedAt());
    }
}
