package io.mooring.backup.artifact;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.backup.policy.TargetKind;
import io.mooring.testing.RedisClients;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An account's Redis keys written and restored against the stack's Redis (TLS, backup ACL user) and S3. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisArtifactIT implements TestPropertyProvider {
    @Inject
    RedisArtifactWriter writer;
    @Inject
    RedisArtifactRestorer restorer;
    @Inject
    Destinations destinations;
    @Inject
    Manifests manifests;
    @Inject
    Artifacts artifacts;

    private RedisClient admin;
    private RedisCommands<String, String> redis;
    private Destination destination;

    @Override
    public Map<String, String> getProperties() {
        return ArtifactTestStack.properties(RedisArtifactIT.class);
    }

    @BeforeAll
    void connect() {
        admin = RedisClients.admin();
        redis = admin.connect().sync();
        destination = destinations.require("default");
    }

    @AfterAll
    void close() {
        admin.shutdown();
    }

    @Test
    void writesEveryKeyOfTheAccountWithItsTtlAndRestoresThemIntoItsPrefix() throws Exception {
        String account = "acc-" + UUID.randomUUID();
        String p = "acct:" + account + ":";
        redis.set(p + "plain", "hello");
        redis.psetex(p + "expiring", 600_000, "soon");
        redis.hset(p + "hash", Map.of("a", "1", "b", "2"));
        redis.rpush(p + "list", "x", "y", "z");
        redis.sadd(p + "set", "m", "n");
        redis.zadd(p + "zset", 1.5, "one");
        redis.set("acct:" + account + "x:not-this-account", "other");
        redis.set("acct:other-" + account + ":key", "other");

        ArtifactRequest request = new ArtifactRequest(account, "p", "r", TargetKind.REDIS_NAMESPACE, account, destination,
                "it/redis/" + UUID.randomUUID() + ".resp.zst.age", 3, List.of(ArtifactTestStack.recipient()), 0);
        ArtifactWritten written = writer.write(request, Progress.NONE);

        Manifest manifest = manifests.read(destination, written.manifestKey());
        assertThat(manifest.counts()).containsEntry("keys", 6L);
        assertThat(manifest.versions().get("redis_version")).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(manifest.kind()).isEqualTo("redis-namespace");

        RestoreRequest restore = new RestoreRequest(TargetKind.REDIS_NAMESPACE, destination, request.key(), account, account, false);
        assertThatThrownBy(() -> restorer.restore(restore, Progress.NONE)).isInstanceOf(RestoreRefused.class)
                .hasMessageContaining("already has keys");

        redis.del(p + "plain", p + "expiring", p + "hash", p + "list", p + "set", p + "zset");
        restorer.restore(restore, Progress.NONE);

        assertThat(redis.get(p + "plain")).isEqualTo("hello");
        assertThat(redis.pttl(p + "plain")).isEqualTo(-1L);
        assertThat(redis.get(p + "expiring")).isEqualTo("soon");
        assertThat(redis.pttl(p + "expiring")).isBetween(1L, 600_000L);
        assertThat(redis.hgetall(p + "hash")).isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(redis.lrange(p + "list", 0, -1)).containsExactly("x", "y", "z");
        assertThat(redis.smembers(p + "set")).containsExactlyInAnyOrder("m", "n");
        assertThat(redis.zscore(p + "zset", "one")).isEqualTo(1.5);

        redis.set(p + "plain", "changed");
        restorer.restore(new RestoreRequest(TargetKind.REDIS_NAMESPACE, destination, request.key(), account, account, true),
                Progress.NONE);
        assertThat(redis.get(p + "plain")).isEqualTo("hello");
    }

    @Test
    void refusesAnArtifactNamingAKeyOutsideTheAccountsPrefix() throws Exception {
        String account = "acc-" + UUID.randomUUID();
        String key = "it/redis/" + UUID.randomUUID() + ".resp.zst.age";
        String foreign = "acct:victim-" + account + ":k";
        redis.set(foreign, "original");
        byte[] payload;
        try (var bytes = admin.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE)) {
            payload = bytes.sync().dump(foreign.getBytes(StandardCharsets.UTF_8));
        }
        redis.set(foreign, "kept");
        ArtifactRequest forged = new ArtifactRequest(account, "p", "r", TargetKind.REDIS_NAMESPACE, account, destination, key, 3,
                List.of(ArtifactTestStack.recipient()), 0);
        EncryptedUpload upload = artifacts.upload(forged);
        RespCommands.writeRestore(upload.plaintext(), foreign.getBytes(StandardCharsets.UTF_8), 0, payload);
        upload.finish();

        assertThatThrownBy(() -> restorer.restore(new RestoreRequest(TargetKind.REDIS_NAMESPACE, destination, key, account,
                account, true), Progress.NONE)).isInstanceOf(RestoreRefused.class).hasMessageContaining("outside");
        assertThat(redis.get(foreign)).isEqualTo("kept");
    }
}
