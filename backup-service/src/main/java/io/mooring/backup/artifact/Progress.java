package io.mooring.backup.artifact;

/** Told how far a write or restore has come, in plaintext bytes. */
@FunctionalInterface
public interface Progress {
    Progress NONE = bytes -> {
    };

    void bytes(long plaintextBytesSoFar);
}
