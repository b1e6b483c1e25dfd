package io.mooring.backup.run;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.mooring.backup.artifact.PostgresArtifactRestorer;
import io.mooring.backup.artifact.RestoreRefused;
import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.PostgresSource;
import io.mooring.backup.source.RedisSource;
import io.mooring.backup.source.S3Source;
import io.mooring.runtime.http.ProblemException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Where a restore goes: a new database or bucket named after the run by default, the account's own Redis prefix,
 * and whether that target already holds data (then only {@code "overwrite": true} may replace it).
 */
@Singleton
class RestoreTargets {
    static final Pattern DATABASE = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
    static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final PostgresSource postgres;
    private final RedisSource redis;
    private final S3Source s3;

    RestoreTargets(PostgresSource postgres, RedisSource redis, S3Source s3) {
        this.postgres = postgres;
        this.redis = redis;
        this.s3 = s3;
    }

    /** The target a restore of {@code artifact} goes to when none is named: never the backed-up resource itself. */
    static String defaultName(RunArtifact artifact, String accountId, Instant runStart) {
        String stamp = STAMP.format(runStart);
        return switch (artifact.kind()) {
            case POSTGRES_DATABASE -> cut(artifact.targetName().toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9_]", "_"), 63 - 10 - stamp.length()) + "_restored_" + stamp;
            case BUCKET -> cut(artifact.targetName().toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9-]", "-"), 63 - 10 - stamp.length()) + "-restored-" + stamp;
            case REDIS_NAMESPACE -> accountId;
            case ACCOUNT -> throw new IllegalArgumentException("an artifact is of one resource");
        };
    }

    /** A 400 problem naming {@code targetName} unless {@code name} suits the kind. */
    static void check(TargetKind kind, String name, String accountId) {
        switch (kind) {
            case POSTGRES_DATABASE -> {
                if (!DATABASE.matcher(name).matches()) {
                    throw ProblemException.invalid("targetName",
                            "must be a database name: a lowercase letter or _, then up to 62 of a-z, 0-9, _");
                }
            }
            case BUCKET -> {
                if (!BUCKET.matcher(name).matches()) {
                    throw ProblemException.invalid("targetName", "must be a bucket name: 3-63 of a-z, 0-9, '.', '-'");
                }
            }
            case REDIS_NAMESPACE -> {
                if (!name.equals(accountId)) {
                    throw ProblemException.invalid("targetName",
                            "a Redis artifact restores into its own account's prefix: omit targetName or give " + accountId);
                }
            }
            case ACCOUNT -> throw new IllegalArgumentException("an artifact is of one resource");
        }
    }

    /** Whether the target exists and holds data. */
    boolean exists(TargetKind kind, String name) throws Exception {
        return switch (kind) {
            case POSTGRES_DATABASE -> databaseExists(name);
            case REDIS_NAMESPACE -> redisPrefixHasKeys(name);
            case BUCKET -> bucketHasObjects(name);
            case ACCOUNT -> throw new IllegalArgumentException("an artifact is of one resource");
        };
    }

    /**
     * Refuses (409) a restore over a database the backup role cannot act as the owner of, before anything is started.
     */
    void checkOwner(TargetKind kind, String name) throws SQLException {
        if (kind != TargetKind.POSTGRES_DATABASE) {
            return;
        }
        try (Connection c = postgres.connectMaintenance()) {
            PostgresArtifactRestorer.foreignOwner(c, name);
        } catch (RestoreRefused e) {
            throw new RunRefused("restore-target-not-owned", null, e.getMessage());
        }
    }

    private boolean databaseExists(String name) throws SQLException {
        try (Connection c = postgres.connectMaintenance();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rows = ps.executeQuery()) {
                return rows.next();
            }
        }
    }

    private boolean redisPrefixHasKeys(String accountId) {
        try (var connection = redis.connect()) {
            var commands = connection.sync();
            ScanArgs match = ScanArgs.Builder.matches(("acct:" + accountId + ":*").getBytes(StandardCharsets.UTF_8)).limit(500);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<byte[]> page = commands.scan(cursor, match);
                if (!page.getKeys().isEmpty()) {
                    return true;
                }
                cursor = page;
            } while (!cursor.isFinished());
            return false;
        }
    }

    private boolean bucketHasObjects(String bucket) {
        try {
            return s3.client().listObjectsV2(b -> b.bucket(bucket).maxKeys(1)).keyCount() > 0;
        } catch (NoSuchBucketException e) {
            return false;
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
