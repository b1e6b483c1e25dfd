package io.mooring.backup.artifact;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.PostgresSource;
import io.mooring.stack.Servers;
import io.mooring.stack.TenantPostgresServer;
import io.mooring.testing.TcpRelay;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

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
    @Inject
    OpenUploads openUploads;

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
    void rowsWrittenDuringTheDumpAreNeitherDumpedNorCounted() throws Exception {
        long before = source.rowCounts(LARGE).get("public.blobs");
        ArtifactRequest request = request(LARGE, destination, "it/pg/" + UUID.randomUUID() + ".pgdump.zst.age", 4L * 1024 * 1024);
        AtomicLong dumped = new AtomicLong();
        CompletableFuture<ArtifactWritten> write = CompletableFuture.supplyAsync(() -> {
            try {
                return writer.write(request, dumped::set);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        // the dump has begun (its snapshot is taken) and is held to 4 MiB/s: these rows come after the snapshot
        await().atMost(Duration.ofSeconds(30)).until(() -> dumped.get() > 0);
        try (Connection c = ArtifactTestStack.tenantAdmin(LARGE); Statement st = c.createStatement()) {
            st.execute("INSERT INTO blobs SELECT g, 'late' FROM generate_series(1000001, 1000100) g");
        }
        try {
            assertThat(write.isDone()).as("the write was still running when the rows were added").isFalse();
            Manifest manifest = manifests.read(destination, write.get(2, java.util.concurrent.TimeUnit.MINUTES).manifestKey());

            assertThat(manifest.tables()).containsEntry("public.blobs", before);
            assertThat(source.rowCounts(LARGE)).containsEntry("public.blobs", before + 100);
        } finally {
            try (Connection c = ArtifactTestStack.tenantAdmin(LARGE); Statement st = c.createStatement()) {
                st.execute("DELETE FROM blobs WHERE id > 1000000");
            }
        }
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
    void overwritingATenantsDatabaseGivesItBackOwnedByTheTenantWithItsGrants() throws Exception {
        String database = "pgart_owned";
        String role = "pgart_tenant";
        String password = UUID.randomUUID().toString();
        // as the provisioner makes a tenant database, the backup role a member of the tenant role
        try (Connection c = ArtifactTestStack.tenantAdmin("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            st.execute("DROP ROLE IF EXISTS " + role);
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
            st.execute("CREATE DATABASE " + database + " OWNER " + role);
            st.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            st.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + role);
            st.execute("GRANT CONNECT ON DATABASE " + database + " TO " + TenantPostgresServer.BACKUP_ROLE);
            st.execute("GRANT " + role + " TO " + TenantPostgresServer.BACKUP_ROLE);
        }
        try (Connection c = tenantLogin(database, role, password); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE posts (id bigserial PRIMARY KEY, body text NOT NULL)");
            st.execute("INSERT INTO posts (body) SELECT 'post ' || g FROM generate_series(1, 300) g");
        }
        ArtifactRequest request = request(database, destination, "it/pg/" + UUID.randomUUID() + ".pgdump.zst.age", 0);
        writer.write(request, Progress.NONE);
        try (Connection c = tenantLogin(database, role, password); Statement st = c.createStatement()) {
            st.execute("DELETE FROM posts WHERE id > 100");
            st.execute("CREATE TABLE mistake (id int)");
        }

        restorer.restore(new RestoreRequest(TargetKind.POSTGRES_DATABASE, destination, request.key(), "acct", database, true),
                Progress.NONE);

        try (Connection c = ArtifactTestStack.tenantAdmin(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT pg_get_userbyid(d.datdba), (SELECT tableowner FROM pg_tables WHERE tablename = 'posts'),
                            has_database_privilege('public', d.datname, 'CONNECT'),
                            has_database_privilege('%s', d.datname, 'CONNECT'),
                            (SELECT count(*) FROM pg_tables WHERE tablename = 'mistake')
                     FROM pg_database d WHERE d.datname = current_database()""".formatted(TenantPostgresServer.BACKUP_ROLE))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("database owner").isEqualTo(role);
            assertThat(rs.getString(2)).as("table owner").isEqualTo(role);
            assertThat(rs.getBoolean(3)).as("public may connect").isFalse();
            assertThat(rs.getBoolean(4)).as("backup role may connect").isTrue();
            assertThat(rs.getLong(5)).as("tables made after the backup").isZero();
        }
        // the tenant uses its database as before, with its own password
        try (Connection c = tenantLogin(database, role, password); Statement st = c.createStatement()) {
            st.execute("INSERT INTO posts (body) VALUES ('after the restore')");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM posts")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(301);
            }
        }
    }

    @Test
    void aDatabaseOfARoleTheBackupRoleIsNotAMemberOfIsRefusedAndLeftAsItIs() throws Exception {
        String database = ArtifactTestStack.databaseOfAStranger("pgart_foreign", "pgart_stranger");
        ArtifactRequest request = request(SMALL, destination, "it/pg/" + UUID.randomUUID() + ".pgdump.zst.age", 0);
        writer.write(request, Progress.NONE);

        assertThatThrownBy(() -> restorer.restore(new RestoreRequest(TargetKind.POSTGRES_DATABASE, destination, request.key(),
                "acct", database, true), Progress.NONE)).isInstanceOf(RestoreRefused.class)
                .hasMessageContaining("belongs to role pgart_stranger");
        try (Connection c = ArtifactTestStack.tenantAdmin(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename IN ('kept', 'accounts')")) {
            rs.next();
            assertThat(rs.getLong(1)).as("only the table it had").isEqualTo(1);
        }
    }

    private static Connection tenantLogin(String database, String role, String password) throws Exception {
        return java.sql.DriverManager.getConnection(Servers.tenantPostgres().jdbcUrl(database), role, password);
    }

    @Test
    void aDumpWhoseSessionIsTerminatedLeavesNoArtifactManifestOrUpload() throws Exception {
        Destination flat = flatDestination();
        ArtifactRequest request = request(LARGE, flat, "killed-" + UUID.randomUUID() + ".pgdump.zst.age", 1024 * 1024);
        CompletableFuture<ArtifactWritten> running = CompletableFuture.supplyAsync(() -> write(request));
        await().atMost(Duration.ofSeconds(30)).until(() -> !openUploads.under(flat, request.key()).isEmpty());

        await().atMost(Duration.ofSeconds(30)).until(() -> terminateDump() > 0);

        assertThat(running).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                .withMessageContaining("pg_dump exited");
        assertNothingStored(flat, request);
        assertThat(openUploads.under(flat, request.key())).isEmpty();
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
        await().atMost(Duration.ofSeconds(30)).until(() -> !openUploads.under(flat, request.key()).isEmpty() && dumpSessions() > 0);

        writing.get().interrupt();

        assertThat(running.get(30, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> dumpSessions() == 0);
        assertNothingStored(flat, request);
        assertThat(openUploads.under(flat, request.key())).isEmpty();
    }

    /** A bucket of its own, so that a part cut off mid-request stays out of the shared one. */
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
        // the abort could not reach S3 either: the upload stays recorded until it can be aborted
        assertThat(openUploads.under(relayed, request.key())).hasSize(1);
        relay.start();
        assertNothingStored(relayed, request);
        // aborted, or (S3Proxy, whose upload holds a part cut off mid-request) refused for good: either way not retried
        openUploads.abortUnder(relayed, request.key());
        assertThat(openUploads.under(relayed, request.key())).isEmpty();
        relay.stop();
    }

    @Test
    void theSweepAbortsByIdTheUploadsStartedBeforeTheThresholdAndKeepsNewerOnes() throws Exception {
        // as a writer killed mid-upload leaves it: started, one part sent, neither completed nor aborted
        String key = destination.key("swept/" + UUID.randomUUID() + ".pgdump.zst.age");
        MultipartUpload abandoned = new MultipartUpload(s3(), destination.bucket(), key, PART, 1, new UploadStats(),
                openUploads.of(destination, UUID.randomUUID().toString())).start("application/octet-stream");
        abandoned.write(new byte[PART]);
        OpenUploads.OpenUpload open = openUploads.under(destination, key).getFirst();
        await().atMost(Duration.ofSeconds(30)).until(() -> s3().listParts(b -> b.bucket(destination.bucket()).key(key)
                .uploadId(open.uploadId())).parts().size() == 1);

        openUploads.abortStartedBefore(open.startedAt());
        assertThat(openUploads.under(destination, key)).containsExactly(open);

        assertThat(openUploads.abortStartedBefore(open.startedAt().plusMillis(1))).isPositive();
        assertThat(openUploads.under(destination, key)).isEmpty();
        assertThat(partsLeft(key, open.uploadId())).isZero();
    }

    @Test
    void aCompletedUploadIsNoLongerRecorded() throws Exception {
        ArtifactRequest request = request(SMALL, destination, destination.key("done/" + UUID.randomUUID() + ".pgdump.zst.age"), 0);
        writer.write(request, Progress.NONE);
        assertThat(openUploads.under(destination, request.key())).isEmpty();
        assertThat(openUploads.under(destination, request.manifestKey())).isEmpty();
    }

    private int partsLeft(String key, String uploadId) {
        try {
            return s3().listParts(b -> b.bucket(destination.bucket()).key(key).uploadId(uploadId)).parts().size();
        } catch (NoSuchUploadException e) {
            return 0;
        }
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

    private S3Client s3() {
        return destinations.client(destination);
    }
}
