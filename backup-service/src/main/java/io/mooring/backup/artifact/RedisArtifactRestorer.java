package io.mooring.backup.artifact;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RestoreArgs;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.RedisSource;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays a Redis artifact's {@code RESTORE ... REPLACE} commands into the account's prefix. Refuses a
 * command that is not such a {@code RESTORE} or names a key outside {@code acct:<id>:} (commands
 * before it are already applied), and, without {@code overwrite}, an account that already has keys.
 * With {@code overwrite} the artifact's keys replace the existing ones; other keys are left alone.
 */
@Singleton
public class RedisArtifactRestorer implements ArtifactRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(RedisArtifactRestorer.class);
    private static final int IN_FLIGHT = 200;
    private final RedisSource source;
    private final Artifacts artifacts;

    RedisArtifactRestorer(RedisSource source, Artifacts artifacts) {
        this.source = source;
        this.artifacts = artifacts;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.REDIS_NAMESPACE;
    }

    @Override
    public void restore(RestoreRequest request, Progress progress) throws Exception {
        String prefix = RedisArtifactWriter.prefix(request.targetName());
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        try (StatefulRedisConnection<byte[], byte[]> connection = source.connect()) {
            RedisAsyncCommands<byte[], byte[]> redis = connection.async();
            if (!request.overwrite() && hasKeys(redis, prefix)) {
                throw new RestoreRefused("account " + request.targetName() + " already has keys under " + prefix
                        + "; confirm overwriting them");
            }
            long restored = 0;
            List<RedisFuture<String>> pending = new ArrayList<>();
            try (InputStream plaintext = new BufferedInputStream(artifacts.download(request.destination(), request.key()), 1 << 16)) {
                for (List<byte[]> command = RespCommands.read(plaintext); command != null; command = RespCommands.read(plaintext)) {
                    byte[] key = command.get(1 % command.size());
                    requireRestoreUnder(command, key, prefixBytes, prefix);
                    long ttl = Long.parseLong(new String(command.get(2), StandardCharsets.US_ASCII));
                    pending.add(redis.restore(key, command.get(3), RestoreArgs.Builder.ttl(ttl).replace()));
                    if (pending.size() >= IN_FLIGHT) {
                        restored += awaitAll(pending);
                        progress.bytes(restored);
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("interrupted");
                    }
                }
                restored += awaitAll(pending);
            }
            LOG.info("artifact {} restored: {} keys under {}", request.key(), restored, prefix);
        }
    }

    private static void requireRestoreUnder(List<byte[]> command, byte[] key, byte[] prefix, String prefixText) {
        boolean restore = command.size() == 5
                && "RESTORE".equalsIgnoreCase(new String(command.get(0), StandardCharsets.US_ASCII))
                && "REPLACE".equalsIgnoreCase(new String(command.get(4), StandardCharsets.US_ASCII))
                && new String(command.get(2), StandardCharsets.US_ASCII).matches("[0-9]{1,15}");
        if (!restore) {
            throw new RestoreRefused("the artifact holds a command other than RESTORE key ttl payload REPLACE");
        }
        if (key.length < prefix.length || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new RestoreRefused("the artifact holds a key outside " + prefixText + "; nothing after it was restored");
        }
    }

    private static long awaitAll(List<RedisFuture<String>> pending) throws Exception {
        for (RedisFuture<String> future : pending) {
            future.get();
        }
        long n = pending.size();
        pending.clear();
        return n;
    }

    private static boolean hasKeys(RedisAsyncCommands<byte[], byte[]> redis, String prefix) throws Exception {
        ScanArgs match = ScanArgs.Builder.matches(RedisArtifactWriter.pattern(prefix).getBytes(StandardCharsets.UTF_8)).limit(1000);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<byte[]> page = redis.scan(cursor, match).get();
            if (!page.getKeys().isEmpty()) {
                return true;
            }
            cursor = page;
        } while (!cursor.isFinished());
        return false;
    }
}
