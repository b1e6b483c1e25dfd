package io.mooring.backup.artifact;

import com.github.luben.zstd.util.ZstdVersion;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.RedisSource;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's Redis keys ({@code acct:<id>:*}, found with {@code SCAN MATCH}) as a RESP stream of
 * {@code RESTORE key ttl payload REPLACE} commands ({@code DUMP} + {@code PTTL}; ttl 0 for no expiry)
 * → zstd → age → S3. A key that vanishes between {@code SCAN} and {@code DUMP} is skipped. The
 * stream replays with {@code redis-cli --pipe} into a Redis of the same or a newer version.
 */
@Singleton
public class RedisArtifactWriter implements ArtifactWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RedisArtifactWriter.class);
    private static final int BATCH = 500;
    private final RedisSource source;
    private final Artifacts artifacts;

    RedisArtifactWriter(RedisSource source, Artifacts artifacts) {
        this.source = source;
        this.artifacts = artifacts;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.REDIS_NAMESPACE;
    }

    /** The key prefix of an account. */
    static String prefix(String accountId) {
        if (accountId == null || accountId.isBlank() || accountId.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new IllegalArgumentException("account id must be non-empty printable text without spaces");
        }
        return "acct:" + accountId + ":";
    }

    /** A SCAN MATCH pattern for the keys under {@code prefix}, its glob characters escaped. */
    static String pattern(String prefix) {
        return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
    }

    @Override
    public ArtifactWritten write(ArtifactRequest request, Progress progress) throws Exception {
        Instant started = artifacts.now();
        String prefix = prefix(request.targetName());
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        try (StatefulRedisConnection<byte[], byte[]> connection = source.connect()) {
            RedisAsyncCommands<byte[], byte[]> redis = connection.async();
            Map<String, String> versions = new LinkedHashMap<>();
            versions.put("redis_version", redisVersion(connection));
            versions.put("stream_format", "RESP: RESTORE key ttl payload REPLACE");
            versions.put("zstd", "zstd-jni " + ZstdVersion.VERSION);
            versions.put("age", AgeKeys.FORMAT);
            EncryptedUpload upload = artifacts.upload(request);
            try {
                long keys = 0;
                ScanArgs match = ScanArgs.Builder.matches(pattern(prefix).getBytes(StandardCharsets.UTF_8)).limit(BATCH);
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                    KeyScanCursor<byte[]> page = redis.scan(cursor, match).get();
                    keys += dumpAll(redis, page.getKeys(), prefixBytes, upload.plaintext());
                    progress.bytes(upload.plaintextBytes());
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("interrupted");
                    }
                    cursor = page;
                } while (!cursor.isFinished());
                EncryptedUpload.Sizes sizes = upload.finish();
                ArtifactWritten written = artifacts.commit(request, sizes, "redis " + prefix + "*", versions, started,
                        Map.of(), Map.of("keys", keys));
                LOG.info("redis {}*: {} keys, {} bytes stored as {}", prefix, keys, sizes.storedBytes(), request.key());
                return written;
            } catch (Exception | Error e) {
                upload.abort();
                throw e;
            }
        }
    }

    /** DUMP and PTTL of one SCAN page, pipelined; returns the RESTORE commands written. */
    private static long dumpAll(RedisAsyncCommands<byte[], byte[]> redis, List<byte[]> keys, byte[] prefix,
                                OutputStream out) throws Exception {
        List<RedisFuture<Long>> ttls = new ArrayList<>(keys.size());
        List<RedisFuture<byte[]>> dumps = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            ttls.add(redis.pttl(key));
            dumps.add(redis.dump(key));
        }
        long written = 0;
        for (int i = 0; i < keys.size(); i++) {
            byte[] key = keys.get(i);
            long ttl = ttls.get(i).get();
            byte[] payload = dumps.get(i).get();
            if (payload == null || ttl == -2 || !java.util.Arrays.equals(key, 0, Math.min(key.length, prefix.length),
                    prefix, 0, prefix.length)) {
                continue;
            }
            RespCommands.writeRestore(out, key, ttl < 0 ? 0 : Math.max(1, ttl), payload);
            written++;
        }
        return written;
    }

    private static String redisVersion(StatefulRedisConnection<byte[], byte[]> connection) {
        String info = connection.sync().info("server");
        return info.lines().filter(l -> l.startsWith("redis_version:")).map(l -> l.substring("redis_version:".length()).strip())
                .findFirst().orElse("unknown");
    }
}
