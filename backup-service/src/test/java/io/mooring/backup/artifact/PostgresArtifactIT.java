package io.mooring.backup.artifact;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.PostgresSource;
import io.mooring.stack.Servers;
import io.mooring.testing.MovableClock;
import io.mooring.testing.TcpRelay;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Postgres artifacts written and restored against the stack's tenant Postgres and S3. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresArtifactIT implements TestPropertyProvider {
    private static final String SMALL = "pgart_small";
    private static final String LARGE = "pgart_large";
    private static final int PART = 5 * 1024 * 1024;

    @Inject
    PostgresArtifactWriter writer;
    @Inject
    PostgresArtifactRestorer restorer;
    @Inject
    Destinations destinations;
    @Inject
    Manifests manifests;
    @Inject
    Artifacts artifacts;
    @Inject
    PostgresSource source;

    private Destination destination;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ArtifactTestStack.properties(PostgresArtifactIT.class));
        properties.put("mooring.backup.part-size", Integer.toString(PART));
        properties.put("mooring.backup.parts-in-flight", "2");
        return properties;
    }

    @BeforeAll
    void databases() throws Exception {
        destination = destinations.require("default");
        ArtifactTestStack.createTenantDatabase(SMALL);
        try (Connection c = ArtifactTestStack.tenantAdmin(SMALL); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL, profile jsonb, created timestamptz)");
            st.execute("CREATE TABLE notes (id bigserial PRIMARY KEY, account_id bigint REFERENCES accounts, body text)");
            st.execute("CREATE INDEX notes_account ON notes (account_id)");
            st.execute("CREATE SCHEMA shop");
            st.execute("CREATE TABLE shop.orders (id int PRIMARY KEY, total numeric(10,2))");
            st.execute("INSERT INTO accounts SELECT g, 'user ' || g, jsonb_build_object('n', g, 'tags', jsonb_build_array('a', g)), "
                    + "now() FROM generate_series(1, 1000) g");
            st.execute("INSERT INTO notes (account_id, body) SELECT 1 + g % 1000, md5(g::text) FROM generate_series(1, 2500) g");
        }
        ArtifactTestStack.createTenantDatabase(LARGE);
        try (Connection c = ArtifactTestStack.tenantAdmin(LARGE); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE blobs (id int PRIMARY KEY, body text)");
            // about 30 MiB of hex text: about 15 MiB stored, several 5 MiB parts
            st.execute("INSERT INTO blobs SELECT g, (SELECT string_agg(md5(random()::text || g || i), '') "
                    + "FROM generate_series(1, 32) i) FROM generate_series(1, 30000) g");
        }
    }

    @Test
    void writesADumpWhoseManifestCountsTheRowsAndRestoresItIntoANewDatabase() throws Exception {
        ArtifactRequest request = request(SMALL, destination, "it/pg/" + UUID.randomUUID() + ".pgdump.zst.age", 0);

        ArtifactWritten written = writer.write(request, Progress.NONE);

        Manifest manifest = manifests.read(destination, written.manifestKey());
        assertThat(written.manifestKey()).isEqualTo(request.key() + ".manifest.json");
        assertThat(manifest.tables()).containsEntry("public.accounts", 1000L).containsEntry("public.notes", 2500L)
                .containsEntry("shop.orders", 0L).hasSize(3);
        assertThat(manifest.versions()).containsKeys("pg_dump", "server_version", "zstd", "age");
        assertThat(manifest.versions().get("server_version")).startsWith("15");
        assertThat(manifest.kind()).isEqualTo("postgres-database");
        assertThat(manifest.plaintextSha256()).isEqualTo(written.plaintextSha256()).hasSize(64);
        byte[] stored = s3().getObjectAsBytes(b -> b.bucket(destination.bucket()).key(request.key())).asByteArray();
        assertThat((long) stored.length).isEqualTo(written.storedBytes()).isEqualTo(manifest.storedBytes());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored))).isEqualTo(written.storedSha256());
        assertThat(new String(stored, 0, 21)).isEqualTo("age-encryption.org/v1");

        String target = SMALL + "_restored";
        dropDatabase(target);
        restorer.restore(new RestoreRequest(TargetKind.POSTGRES_DATABASE, destination, request.key(), "acct", target, false),
                Progress.NONE);

        assertThat(source.rowCounts(target)).isEqualTo(manifest.tables());
        try (Connection c = ArtifactTestStack.tenantAdmin(target); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT profile->>'n', name FROM accounts WHERE id = 42")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("42");
            assertThat(rs.getString(2)).isEqualTo("user 42");
        }

        RestoreRequest again = new RestoreRequest(TargetKind.POSTGRES_DATABASE, destination, request.key(), "acct", target, false);
        assertThatThrownBy(() -> restorer.restore(again, Progress.NONE)).isInstanceOf(RestoreRefused.class)
                .hasMessageContaining("not empty");
        try (Connection c = ArtifactTestStack.tenantAdmin(target); Statement st = c.createStatement()) {
            st.execute("DELETE FROM notes");
        }
        restorer.restore(new RestoreRequest(TargetKind.POSTGRES_DATABASE, destination, request.key(), "acct", target, true),
                Progress.NONE);
        assertThat(source.rowCounts(target)).isEqualTo(manifest.tables());
    }

    @Test
    void streamsTheDumpInPartsHoldingNoMoreThanThePartBuffers() throws Exception {
        int partsBefore = artifacts.stats().parts();
        ArtifactRequest request = request(LARGE, destination, "it/pg/" + UUID.randomUUID() + ".pgdump.zst.age", 0);

        ArtifactWritten written = writer.write(request, Progress.NONE);

        assertThat(written.plaintextBytes()).isGreaterThan(29L * 1024 * 1024);
        assertThat(written.storedBytes()).isGreaterThan(2L * PART);
        assertThat(artifacts.stats().parts() - partsBefore).isGreaterThanOrEqualTo(3);
        // one part filling and at most two uploading, whatever the artifact's size
        assertThat(artifacts.stats().peakBufferedBytes()).isLessThanOrEqualTo(3L * PART);
    }

    @Test
    void aDumpWhoseSessionIsTerminatedLeavesNoArtifactManifestOrUpload() throws Exception {
        Destination flat = flatDestination();
        ArtifactRequest request = request(LARGE, flat, "killed-" + UUID.randomUUID() + ".pgdump.zst.age", 1024 * 1024);
        CompletableFuture<ArtifactWritten> running = CompletableFuture.supplyAsync(() -> write(request));
        await().atMost(Duration.ofSeconds(30)).until(() -> !openUploads(flat, request.key()).isEmpty());

        await().atMost(Duration.ofSeconds(30)).until(() -> terminateDump() > 0);

        assertThat(running).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                .withMessageContaining("pg_dump exited");
        assertNothingStored(flat, request);
        assertThat(openUploads(flat, request.key())).isEmpty();
    }

    @Test
    void anInterruptedWriteKillsPgDumpAndLeavesNoArtifactManifestOrUpload() throws Exception {
        Destination flat = flatDestination();
        ArtifactRequest request = request(LARGE, flat, "interrupted-" + UUID.randomUUID() + ".pgdump.zst.age", 1024 * 1024);
        java.util.concurrent.atomic.AtomicReference<Thread> writing = new java.util.concurrent.atomic.AtomicReference<>();
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            writing.set(Thread.currentThread());
            try {
                return writer.write(request, Progress.NONE);
            } catch (Exception e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !openUploads(flat, request.key()).isEmpty() && dumpSessions() > 0);

        writing.get().interrupt();

        assertThat(running.get(30, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> dumpSessions() == 0);
        assertNothingStored(flat, request);
        assertThat(openUploads(flat, request.key())).isEmpty();
    }

    /** S3Proxy's filesystem backend lists only uploads whose key holds no '/': a bucket and keys for that. */
    private Destination flatDestination() {
        // a bucket per test: S3Proxy fails to list a bucket that holds a part cut off mid-request
        String bucket = "it-flat-" + UUID.randomUUID().toString().substring(0, 8);
        ArtifactTestStack.createBucket(bucket);
        return new Destination("flat", destination.endpoint(), destination.region(), bucket, "",
                destination.accessKey(), destination.secretKey(), true);
    }

    private static int dumpSessions() throws Exception {
        try (Connection c = ArtifactTestStack.tenantAdmin("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                     + PostgresArtifactWriter.DUMP_APPLICATION + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void s3UnreachableMidUploadFailsTheWriteWithoutArtifactOrManifest() throws Exception {
        var s3 = Servers.s3();
        URI endpoint = URI.create(s3.endpoint());
        // a bucket of its own: S3Proxy cannot list the uploads of a bucket holding a part cut off mid-request
        ArtifactTestStack.createBucket("it-unreachable");
        TcpRelay relay = new TcpRelay(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
        relay.start();
        Destination relayed = new Destination("relayed", URI.create("http://127.0.0.1:" + relay.port()), s3.region(),
                "it-unreachable", "relayed/", s3.accessKey(), s3.secretKey(), true);
        ArtifactRequest request = request(LARGE, relayed, relayed.key(UUID.randomUUID() + ".pgdump.zst.age"), 4 * 1024 * 1024);
        AtomicLong progress = new AtomicLong();
        CompletableFuture<ArtifactWritten> running = CompletableFuture.supplyAsync(() -> {
            try {
                return writer.write(request, progress::set);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> progress.get() > 14L * 1024 * 1024);
        relay.stop();

        assertThat(running).failsWithin(Duration.ofSeconds(60));
        relay.start();
        assertNothingStored(relayed, request);
        relay.stop();
    }

    @Test
    void theSweepAbortsUploadsOlderThanTheThresholdAndKeepsNewerOnes() throws Exception {
        // S3Proxy's filesystem backend lists no upload whose key holds a '/': a bucket of its own, keys without one
        ArtifactTestStack.createBucket("it-swept");
        Destination swept = new Destination("swept", destination.endpoint(), destination.region(), "it-swept",
                "", destination.accessKey(), destination.secretKey(), true);
        String key = UUID.randomUUID() + ".pgdump.zst.age";
        // as a writer killed mid-upload leaves it: started, one part sent, neither completed nor aborted
        MultipartUpload abandoned = new MultipartUpload(s3(), swept.bucket(), key, PART, 1, new UploadStats())
                .start("application/octet-stream");
        abandoned.write(new byte[PART]);
        await().atMost(Duration.ofSeconds(30)).until(() -> s3().listParts(b -> b.bucket(swept.bucket()).key(key)
                .uploadId(openUploadIds(swept).getFirst())).parts().size() == 1);

        // S3Proxy reports every upload as initiated now: time is moved instead of waited for
        MovableClock clock = new MovableClock();
        StaleUploads sweeper = new StaleUploads(destinations, clock);
        assertThat(sweeper.sweep(swept, Duration.ofHours(1))).isZero();
        assertThat(openUploads(swept, swept.prefix())).containsExactly(key);

        clock.advance(Duration.ofHours(2));
        assertThat(sweeper.sweep(swept, Duration.ofHours(1))).isEqualTo(1);
        assertThat(openUploads(swept, swept.prefix())).isEmpty();
    }

    private List<String> openUploadIds(Destination where) {
        return s3().listMultipartUploads(b -> b.bucket(where.bucket())).uploads().stream()
                .filter(u -> u.key().startsWith(where.prefix())).map(u -> u.uploadId()).toList();
    }

    private ArtifactWritten write(ArtifactRequest request) {
        try {
            return writer.write(request, Progress.NONE);
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private static ArtifactRequest request(String database, Destination destination, String key, long bandwidth) {
        return new ArtifactRequest("acct-it", UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                TargetKind.POSTGRES_DATABASE, database, destination, key, 3, List.of(ArtifactTestStack.recipient()), bandwidth);
    }

    private static int terminateDump() throws Exception {
        try (Connection c = ArtifactTestStack.tenantAdmin("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                     + "WHERE application_name = '" + PostgresArtifactWriter.DUMP_APPLICATION + "' AND state = 'active'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void dropDatabase(String name) throws Exception {
        try (Connection c = ArtifactTestStack.tenantAdmin("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        }
    }

    private void assertNothingStored(Destination where, ArtifactRequest request) {
        for (String key : List.of(request.key(), request.manifestKey())) {
            assertThatThrownBy(() -> s3().headObject(b -> b.bucket(where.bucket()).key(key)))
                    .as("object %s", key).isInstanceOf(NoSuchKeyException.class);
        }
    }

    private List<String> openUploads(Destination where, String prefix) {
        return s3().listMultipartUploads(b -> b.bucket(where.bucket())).uploads().stream()
                .map(u -> u.key()).filter(k -> k.startsWith(prefix)).toList();
    }

    private S3Client s3() {
        return destinations.client(destination);
    }
}
