package io.mooring.backup.artifact;

import io.mooring.backup.destination.Destination;
import io.mooring.backup.policy.TargetKind;

/**
 * Puts an artifact back.
 *
 * @param key        the artifact's object key in {@code destination}
 * @param targetName the database to restore into, the account whose Redis prefix is restored, or the bucket
 * @param overwrite  whether an existing, non-empty target may be replaced; without it such a target is refused
 */
public record RestoreRequest(TargetKind kind, Destination destination, String key, String accountId,
                             String targetName, boolean overwrite) {
}
