package io.mooring.backup.policy;

import io.micronaut.context.annotation.Value;
import io.mooring.events.provisioning.ResourceKind;
import io.mooring.events.provisioning.ResourceReady;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What the service backs up of a resource it hears of, and how: the per-resource policy settings
 * ({@code mooring.backup.provisioned.*}) and how long a stopped policy keeps its artifacts
 * ({@code mooring.backup.purged-retention}).
 */
@Singleton
class ProvisionedPolicies {
    private final CronSchedule databaseSchedule;
    private final CronSchedule redisSchedule;
    private final CronSchedule bucketSchedule;
    private final int retentionDays;
    private final Duration purgedRetention;

    ProvisionedPolicies(@Value("${mooring.backup.provisioned.database-schedule:0 3 * * *}") String databaseSchedule,
                        @Value("${mooring.backup.provisioned.redis-schedule:0 3 * * *}") String redisSchedule,
                        @Value("${mooring.backup.provisioned.bucket-schedule:0 */4 * * *}") String bucketSchedule,
                        @Value("${mooring.backup.provisioned.retention-days:14}") int retentionDays,
                        @Value("${mooring.backup.purged-retention:30d}") Duration purgedRetention) {
        this.databaseSchedule = schedule("database-schedule", databaseSchedule);
        this.redisSchedule = schedule("redis-schedule", redisSchedule);
        this.bucketSchedule = schedule("bucket-schedule", bucketSchedule);
        if (retentionDays < 1) {
            throw new IllegalArgumentException("mooring.backup.provisioned.retention-days must be at least 1, was " + retentionDays);
        }
        if (purgedRetention.isNegative()) {
            throw new IllegalArgumentException("mooring.backup.purged-retention must not be negative, was " + purgedRetention);
        }
        this.retentionDays = retentionDays;
        this.purgedRetention = purgedRetention;
    }

    /** How long a stopped policy (account purged, resource deleted) keeps its artifacts before they are pruned. */
    Duration purgedRetention() {
        return purgedRetention;
    }

    /** The resource as the service backs it up, or empty for kinds it does not back up (sites). */
    Optional<AccountResource> resourceOf(ResourceReady ready) {
        return switch (ResourceKind.fromWire(ready.kind())) {
            case POSTGRES_DATABASE -> Optional.of(new AccountResource(TargetKind.POSTGRES_DATABASE, serverName(ready)));
            case BUCKET -> Optional.of(new AccountResource(TargetKind.BUCKET, serverName(ready)));
            // the account's keys share the prefix acct:<account id>:, so Redis is backed up per account
            case REDIS_NAMESPACE -> Optional.of(new AccountResource(TargetKind.REDIS_NAMESPACE, ready.accountId()));
            case SITE -> Optional.empty();
        };
    }

    /** The per-resource policy of {@code resource}: daily for databases and Redis, a mirror every 4 hours for buckets. */
    PolicySettings settingsFor(AccountResource resource) {
        CronSchedule schedule = switch (resource.kind()) {
            case POSTGRES_DATABASE -> databaseSchedule;
            case REDIS_NAMESPACE -> redisSchedule;
            case BUCKET -> bucketSchedule;
            case ACCOUNT -> throw new IllegalArgumentException("an account is not a resource");
        };
        return PolicySettings.simple(schedule, retentionDays);
    }

    /**
     * The name on the server: the last segment of the endpoint's path (the provisioner names the
     * database or bucket there, e.g. {@code postgres://db-2:5432/acct_0193_main}); the resource's
     * name inside the account when the endpoint has no path.
     */
    static String serverName(ResourceReady ready) {
        String path = URI.create(ready.endpoint()).getPath();
        if (path != null) {
            String[] segments = path.split("/");
            for (int i = segments.length - 1; i >= 0; i--) {
                if (!segments[i].isBlank()) {
                    return segments[i];
                }
            }
        }
        return ready.name();
    }

    private static CronSchedule schedule(String key, String expression) {
        try {
            return CronSchedule.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mooring.backup.provisioned." + key + ": " + e.getMessage(), e);
        }
    }
}
