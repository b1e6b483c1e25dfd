package io.mooring.backup.artifact;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.PostgresSource;
import io.mooring.stack.S3Server;
import io.mooring.stack.Servers;
import io.mooring.testing.RedisClients;
import io.mooring.stack.TenantPostgresServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every artifact kind restored with the Debian command-line tools ({@code aws}, {@code age}, {@code zstd},
 * {@code pg_restore}, {@code redis-cli --pipe}), running exactly the "Restoring by hand" blocks of the README.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ByHandRestoreIT implements TestPropertyProvider {
    private static final String DATABASE = "byhand_source";

    @Inject
    PostgresArtifactWriter postgresWriter;
    @Inject
    RedisArtifactWriter redisWriter;
    @Inject
    BucketMirrorWriter mirrorWriter;
    @Inject
    Destinations destinations;
    @Inject
    Manifests manifests;
    @Inject
    PostgresSource source;

    private Destination destination;
    private Path home;

    @Override
    public Map<String, String> getProperties() {
        return ArtifactTestStack.properties(ByHandRestoreIT.class);
    }

    @BeforeAll
    void setUp() throws Exception {
        destination = destinations.require("default");
        home = Files.createTempDirectory("by-hand");
        ArtifactTestStack.createTenantDatabase(DATABASE);
        try (Connection c = ArtifactTestStack.tenantAdmin(DATABASE); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE posts (id int PRIMARY KEY, body text, meta jsonb)");
            st.execute("CREATE INDEX posts_meta ON posts USING gin (meta)");
            st.execute("INSERT INTO posts SELECT g, 'post ' || g, jsonb_build_object('likes', g % 7) FROM generate_series(1, 700) g");
        }
    }

    @Test
    void aPostgresArtifactVerifiesAndRestoresWithAwsAgeZstdAndPgRestore() throws Exception {
        ArtifactWritten written = postgresWriter.write(request(TargetKind.POSTGRES_DATABASE, DATABASE, "db.pgdump.zst.age"),
                Progress.NONE);
        Manifest manifest = manifests.read(destination, written.manifestKey());

        String verified = run("verify", Map.of("KEY", written.key()));
        assertThat(verified).contains("\"storedSha256\":\"" + written.storedSha256() + "\"")
                .contains(written.storedSha256() + "  -");

        String target = "byhand_restored_" + UUID.randomUUID().toString().substring(0, 8);
        TenantPostgresServer tenants = Servers.tenantPostgres();
        run("postgres", Map.of("KEY", written.key(), "DATABASE", target, "PGHOST", tenants.host(),
                "PGPORT", Integer.toString(tenants.port()), "PGUSER", tenants.user(), "PGPASSWORD", tenants.password()));

        assertThat(source.rowCounts(target)).isEqualTo(manifest.tables()).containsEntry("public.posts", 700L);
    }

    @Test
    void aRedisArtifactReplaysWithRedisCliPipeOverTls() throws Exception {
        String account = UUID.randomUUID().toString();
        String p = "acct:" + account + ":";
        RedisClient admin = RedisClients.admin();
        try {
            RedisCommands<String, String> redis = admin.connect().sync();
            redis.set(p + "greeting", "hello");
            redis.hset(p + "profile", Map.of("name", "Ada", "lang", "en"));
            redis.psetex(p + "session", 900_000, "token");
            ArtifactWritten written = redisWriter.write(request(TargetKind.REDIS_NAMESPACE, account, "keys.resp.zst.age"),
                    Progress.NONE);
            redis.del(p + "greeting", p + "profile", p + "session");

            RedisURI backup = RedisURI.create(Servers.redis().backupUri().orElseThrow());
            String out = run("redis", Map.of("KEY", written.key(), "REDIS_CA", Servers.redis().caCertificate().toString(),
                    "REDIS_HOST", backup.getHost(), "REDIS_PORT", Integer.toString(backup.getPort()),
                    "REDIS_USER", backup.getUsername(), "REDISCLI_AUTH", new String(backup.getPassword())));

            assertThat(out).contains("errors: 0, replies: 3");
            assertThat(redis.get(p + "greeting")).isEqualTo("hello");
            assertThat(redis.hgetall(p + "profile")).isEqualTo(Map.of("name", "Ada", "lang", "en"));
            assertThat(redis.pttl(p + "session")).isBetween(1L, 900_000L);
        } finally {
            admin.shutdown();
        }
    }

    @Test
    void aBucketMirrorSyncsBackWithAwsS3Sync() throws Exception {
        String account = UUID.randomUUID().toString();
        String bucket = "byhand-" + UUID.randomUUID().toString().substring(0, 8);
        ArtifactTestStack.createBucket(bucket);
        S3Client s3 = destinations.client(destination);
        s3.putObject(b -> b.bucket(bucket).key("index.html"), RequestBody.fromString("<p>home</p>"));
        s3.putObject(b -> b.bucket(bucket).key("media/a/b.jpg"), RequestBody.fromString("jpeg bytes"));
        mirrorWriter.write(new ArtifactRequest(account, "p", "r", TargetKind.BUCKET, bucket, destination,
                "it/by-hand/" + UUID.randomUUID() + ".inventory.zst.age", 3, List.of(ArtifactTestStack.recipient()), 0),
                Progress.NONE);

        String target = "byhand-restored-" + UUID.randomUUID().toString().substring(0, 8);
        run("mirror", Map.of("PREFIX", destination.prefix(), "ACCOUNT", account, "SOURCE_BUCKET", bucket,
                "TARGET_BUCKET", target));

        Map<String, String> restored = new TreeMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(target)).contents()) {
            restored.put(o.key(), s3.getObjectAsBytes(b -> b.bucket(target).key(o.key())).asUtf8String());
        }
        assertThat(restored).isEqualTo(Map.of("index.html", "<p>home</p>", "media/a/b.jpg", "jpeg bytes"));
    }

    private ArtifactRequest request(TargetKind kind, String target, String name) {
        return new ArtifactRequest("acct-by-hand", "p", "r", kind, target, destination,
                "it/by-hand/" + UUID.randomUUID() + "/" + name, 3, List.of(ArtifactTestStack.recipient()), 0);
    }

    /** Runs the README block {@code name} with bash, the Debian tools first on the PATH; returns its output. */
    private String run(String name, Map<String, String> variables) throws IOException, InterruptedException {
        String script = readmeBlock(name);
        S3Server s3 = Servers.s3();
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        env.put("AWS_DEFAULT_REGION", s3.region());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("ENDPOINT", s3.endpoint());
        env.put("BUCKET", destination.bucket());
        env.put("IDENTITY", ArtifactTestStack.identityFile().toString());
        env.putAll(variables);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("block %s:%n%s%noutput:%n%s", name, script, output).isZero();
        return output;
    }

    private static String readmeBlock(String name) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("<!-- by-hand: " + Pattern.quote(name) + " -->\\n```sh\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(m.find()).as("README block %s", name).isTrue();
        return m.group(1);
    }
}
