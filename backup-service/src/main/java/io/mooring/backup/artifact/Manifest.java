package io.mooring.backup.artifact;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an artifact holds, stored as JSON beside it ({@code <key>.manifest.json}) once the artifact is
 * complete. See the module README for the format.
 *
 * @param format          the manifest format version, {@value #FORMAT}
 * @param kind            the target kind's wire name ({@code postgres-database}, {@code redis-namespace}, {@code bucket})
 * @param target          the database, the account id (Redis) or the bucket
 * @param source          where it was read from ({@code host:port}, or the S3 endpoint and bucket)
 * @param key             the artifact's object key
 * @param compression     {@code zstd} (or {@code none} for a bucket mirror, whose objects are copied as they are)
 * @param encryption      {@link AgeKeys#FORMAT}, or {@code none} for a bucket mirror
 * @param recipients      the age recipients the artifact is encrypted to
 * @param versions        tool and format versions ({@code pg_dump}, {@code server_version}, {@code redis_version},
 *                        {@code zstd}, {@code age}, {@code dump_format})
 * @param tables          Postgres only: {@code schema.table} → row count, in the dump's snapshot
 * @param counts          other counts: {@code keys} (Redis); {@code objects}, {@code bytes}, {@code copied},
 *                        {@code copied_bytes}, {@code deleted}, {@code pending_delete} (bucket mirror)
 */
@Serdeable
public record Manifest(int format, String kind, String accountId, String policyId, String runId, String target,
                       String source, String key, long plaintextBytes, long storedBytes, String plaintextSha256,
                       String storedSha256, String compression, int zstdLevel, String encryption, List<String> recipients,
                       Map<String, String> versions, Instant startedAt, Instant finishedAt, Map<String, Long> tables,
                       Map<String, Long> counts) {
    public static final int FORMAT = 1;

    public Manifest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        versions = versions == null ? Map.of() : Map.copyOf(versions);
        tables = tables == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tables));
        counts = counts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(counts));
    }

    /** The artifact this manifest describes, as the writer reports it. */
    public ArtifactWritten written(String manifestKey) {
        return new ArtifactWritten(key, manifestKey, plaintextBytes, storedBytes, plaintextSha256, storedSha256,
                startedAt, finishedAt);
    }
}
