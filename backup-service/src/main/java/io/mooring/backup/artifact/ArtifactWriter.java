package io.mooring.backup.artifact;

import io.mooring.backup.policy.TargetKind;

/**
 * Backs up one kind of resource as a streamed, compressed, encrypted artifact with a manifest.
 * A failed or interrupted write leaves no artifact, no manifest and no open multipart upload.
 */
public interface ArtifactWriter {

    /** The target kind this writer backs up. */
    TargetKind kind();

    /** Writes the artifact and its manifest; honours thread interruption (a timeout or shutdown). */
    ArtifactWritten write(ArtifactRequest request, Progress progress) throws Exception;
}
