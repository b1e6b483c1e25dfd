package io.mooring.backup.artifact;

import java.time.Instant;

/**
 * An artifact and its manifest, both fully uploaded.
 *
 * @param plaintextBytes the size before compression and encryption
 * @param storedBytes    the size of the stored (compressed, encrypted) object; for a bucket mirror the bytes copied
 * @param storedSha256   SHA-256 of the stored object, 64 lowercase hex digits
 */
public record ArtifactWritten(String key, String manifestKey, long plaintextBytes, long storedBytes,
                              String plaintextSha256, String storedSha256, Instant startedAt, Instant finishedAt) {
}
