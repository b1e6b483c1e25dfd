package io.mooring.backup.run;

import io.mooring.backup.destination.Destination;
import io.mooring.backup.policy.AccountResource;
import io.mooring.backup.policy.TargetKind;

import java.util.UUID;

/**
 * Where a run's artifacts go: {@code <prefix><account>/<policy>/<run>/<kind>-<name><suffix>}. Every object of a
 * run shares the prefix {@link #ofRun}, so a failed or pruned run is removed by prefix; run ids are time-ordered,
 * so a listing sorts runs by start.
 */
final class ArtifactKeys {
    private ArtifactKeys() {
    }

    static String ofRun(Destination destination, String accountId, UUID policyId, UUID runId) {
        return destination.key(safe(accountId) + "/" + policyId + "/" + runId + "/");
    }

    static String of(Destination destination, BackupRun run, AccountResource resource) {
        return ofRun(destination, run.accountId(), run.policyId(), run.id()) + resource.kind().wireName() + "-"
                + safe(resource.name()) + suffix(resource.kind());
    }

    private static String suffix(TargetKind kind) {
        return switch (kind) {
            case POSTGRES_DATABASE -> ".pgdump.zst.age";
            case REDIS_NAMESPACE -> ".resp.zst.age";
            case BUCKET -> "";
            case ACCOUNT -> throw new IllegalArgumentException("an account is backed up one resource at a time");
        };
    }

    /** Names as they may appear in a key: no slash, no control character. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
