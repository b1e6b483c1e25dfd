package io.mooring.backup.artifact;

import io.mooring.backup.policy.TargetKind;

/** Restores the artifacts of one kind with the service's age identities. */
public interface ArtifactRestorer {

    TargetKind kind();

    /** Restores; honours thread interruption. */
    void restore(RestoreRequest request, Progress progress) throws Exception;
}
