package io.mooring.backup.artifact;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.backup.policy.TargetKind;
import io.mooring.testing.MovableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Bucket mirrors written and restored against the stack's S3 server. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BucketMirrorIT implements TestPropertyProvider {
    private static final long PART = 5L * 1024 * 1024;
    private static final long MULTIPART_THRESHOLD = 6L * 1024 * 1024;
    @Inject
    OpenUploads openUploads;
    @Inject
    BucketMirrorWriter writer;
    @Inject
    BucketMirrorRestorer restorer;
    @Inject
    Destinations destinations;
    @Inject
    Manifests manifests;
    @Inject
    MovableClock clock;

    private Destination destination;
    private S3Client s3;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ArtifactTestStack.properties(BucketMirrorIT.class));
        properties.put("test.clock", "movable");
        properties.put("mooring.backup.mirror-delete-grace", "7d");
        // the sweeper reads the moved clock: days ahead, it would abort the uploads these tests are making
        properties.put("mooring.backup.sweep-initial-delay", "1h");
        properties.put("mooring.backup.sweep-interval", "1h");
        // objects over 6 MiB are copied in parts of 5 MiB (S3's least), so a few tens of MiB take several parts
        properties.put("mooring.backup.multipart-copy-threshold", Long.toString(MULTIPART_THRESHOLD));
        properties.put("mooring.backup.copy-part-size", Long.toString(PART));
        return properties;
    }

    @BeforeAll
    void setUp() {
        destination = destinations.require("default");
        s3 = destinations.client(destination);
    }

    @Test
    void copiesNewAndChangedObjectsAndDeletesVanishedOnesAfterTheGracePeriod() throws Exception {
        String account = UUID.randomUUID().toString();
        String bucket = tenantBucket();
        put(bucket, "a.txt", "alpha");
        put(bucket, "b.txt", "bravo");
        put(bucket, "media/c.png", "charlie");

        assertThat(mirror(account, bucket).counts()).containsEntry("copied", 3L).containsEntry("objects", 3L);
        assertThat(mirrored(account, bucket)).isEqualTo(Map.of("a.txt", "alpha", "b.txt", "bravo", "media/c.png", "charlie"));

        put(bucket, "b.txt", "bravo, changed");
        put(bucket, "d.txt", "delta");
        s3.deleteObject(b -> b.bucket(bucket).key("a.txt"));
        assertThat(mirror(account, bucket).counts()).containsEntry("copied", 2L).containsEntry("pending_delete", 1L)
                .containsEntry("deleted", 0L);
        assertThat(mirrored(account, bucket)).containsEntry("a.txt", "alpha").containsEntry("b.txt", "bravo, changed")
                .containsEntry("d.txt", "delta");

        clock.advance(Duration.ofDays(6));
        assertThat(mirror(account, bucket).counts()).containsEntry("copied", 0L).containsEntry("pending_delete", 1L);
        clock.advance(Duration.ofDays(2));
        Manifest last = mirror(account, bucket);
        assertThat(last.counts()).containsEntry("copied", 0L).containsEntry("deleted", 1L).containsEntry("objects", 3L);
        assertThat(mirrored(account, bucket)).doesNotContainKey("a.txt").hasSize(3);
    }

    @Test
    void anInterruptedRunIsResumedCopyingOnlyWhatIsStillMissing() throws Exception {
        String account = UUID.randomUUID().toString();
        String bucket = tenantBucket();
        byte[] body = new byte[64 * 1024];
        for (int i = 0; i < 24; i++) {
            s3.putObject(b -> b.bucket(bucket).key("obj-" + UUID.randomUUID()), RequestBody.fromBytes(body));
        }
        AtomicLong copiedBytes = new AtomicLong();
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<Object> interrupted = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                return writer.write(request(account, bucket, 256 * 1024), copiedBytes::set);
            } catch (Exception e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> copiedBytes.get() >= 3L * body.length);
        runner.get().interrupt();
        assertThat(interrupted.get()).isInstanceOf(Exception.class);
        long before = mirrored(account, bucket).size();
        assertThat(before).isBetween(3L, 23L);

        Manifest resumed = mirror(account, bucket);

        assertThat(resumed.counts().get("copied")).isEqualTo(24L - before);
        assertThat(resumed.counts()).containsEntry("objects", 24L);
        assertThat(mirrored(account, bucket)).hasSize(24);
    }

    @Test
    void restoresTheMirrorIntoANewBucketAndRefusesAFullOneWithoutOverwrite() throws Exception {
        String account = UUID.randomUUID().toString();
        String bucket = tenantBucket();
        put(bucket, "index.html", "<h1>hi</h1>");
        put(bucket, "img/logo.svg", "<svg/>");
        ArtifactRequest request = request(account, bucket, 0);
        writer.write(request, Progress.NONE);

        String target = "restored-" + UUID.randomUUID().toString().substring(0, 8);
        RestoreRequest restore = new RestoreRequest(TargetKind.BUCKET, destination, request.key(), account, target, false);
        restorer.restore(restore, Progress.NONE);

        assertThat(objects(target, "")).isEqualTo(Map.of("index.html", "<h1>hi</h1>", "img/logo.svg", "<svg/>"));
        assertThatThrownBy(() -> restorer.restore(restore, Progress.NONE)).isInstanceOf(RestoreRefused.class);
        put(target, "index.html", "defaced");
        restorer.restore(new RestoreRequest(TargetKind.BUCKET, destination, request.key(), account, target, true), Progress.NONE);
        assertThat(objects(target, "")).containsEntry("index.html", "<h1>hi</h1>");
    }

    @Test
    void restoresARunAsItSawTheSourceWhileTheMirrorHoldsThoseVersions() throws Exception {
        String account = UUID.randomUUID().toString();
        String bucket = tenantBucket();
        put(bucket, "a.txt", "alpha");
        put(bucket, "b.txt", "bravo");
        ArtifactWritten first = writer.write(request(account, bucket, 0), Progress.NONE);
        s3.deleteObject(b -> b.bucket(bucket).key("a.txt"));
        put(bucket, "c.txt", "charlie");
        ArtifactWritten second = writer.write(request(account, bucket, 0), Progress.NONE);

        // the first run: a (gone from the source since, still in the mirror) and b, not c (made after it)
        String firstTarget = "restored-" + UUID.randomUUID().toString().substring(0, 8);
        restorer.restore(new RestoreRequest(TargetKind.BUCKET, destination, first.key(), account, firstTarget, false),
                Progress.NONE);
        assertThat(objects(firstTarget, "")).isEqualTo(Map.of("a.txt", "alpha", "b.txt", "bravo"));
        // the second run: a was gone then
        String secondTarget = "restored-" + UUID.randomUUID().toString().substring(0, 8);
        restorer.restore(new RestoreRequest(TargetKind.BUCKET, destination, second.key(), account, secondTarget, false),
                Progress.NONE);
        assertThat(objects(secondTarget, "")).isEqualTo(Map.of("b.txt", "bravo", "c.txt", "charlie"));

        // b changed and mirrored again: the mirror no longer holds the version the first run saw
        put(bucket, "b.txt", "bravo, changed");
        writer.write(request(account, bucket, 0), Progress.NONE);
        String thirdTarget = "restored-" + UUID.randomUUID().toString().substring(0, 8);
        assertThatThrownBy(() -> restorer.restore(new RestoreRequest(TargetKind.BUCKET, destination, first.key(), account,
                thirdTarget, false), Progress.NONE)).isInstanceOf(RestoreRefused.class).hasMessageContaining("b.txt")
                .hasMessageContaining("nothing was restored");
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(thirdTarget)))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
    }

    @Test
    void copiesAndRestoresAnObjectOverTheThresholdInPartsOnTheServer() throws Exception {
        String account = UUID.randomUUID().toString();
        String bucket = tenantBucket();
        byte[] big = random(23 * 1024 * 1024 + 17);
        s3.putObject(b -> b.bucket(bucket).key("video/big.bin"), RequestBody.fromBytes(big));
        put(bucket, "small.txt", "small");

        Manifest manifest = mirror(account, bucket);

        assertThat(manifest.counts()).containsEntry("copied", 2L).containsEntry("copied_bytes", big.length + 5L);
        String copy = BucketMirrorWriter.mirrorPrefix(destination, account, bucket) + "video/big.bin";
        assertThat(sha256(destination.bucket(), copy)).isEqualTo(sha256(big));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(destination.bucket()).key(copy));
        // (the stack's S3 server gives multipart objects no "-<parts>" ETag: the next test shows the parts)
        assertThat(head.metadata()).containsEntry(BucketMirrorWriter.SOURCE_ETAG,
                s3.headObject(b -> b.bucket(bucket).key("video/big.bin")).eTag());
        assertThat(openUploads.under(destination, "")).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(destination.bucket())).uploads()).isEmpty();
        // a second run finds the copy as it is
        assertThat(mirror(account, bucket).counts()).containsEntry("copied", 0L);

        String target = "restored-" + UUID.randomUUID().toString().substring(0, 8);
        restorer.restore(new RestoreRequest(TargetKind.BUCKET, destination, manifest.key(), account, target, false),
                Progress.NONE);
        assertThat(sha256(target, "video/big.bin")).isEqualTo(sha256(big));
        assertThat(objects(target, "")).containsEntry("small.txt", "small");
        assertThat(s3.listMultipartUploads(b -> b.bucket(target)).uploads()).isEmpty();
    }

    @Test
    void aSourceDeletedMidwayFailsTheRunAndLeavesNoUploadOpen() throws Exception {
        String account = UUID.randomUUID().toString();
        String bucket = tenantBucket();
        byte[] big = random(30 * 1024 * 1024);
        s3.putObject(b -> b.bucket(bucket).key("big.bin"), RequestBody.fromBytes(big));
        String mirror = BucketMirrorWriter.mirrorPrefix(destination, account, bucket);
        ThrottledRun run = startThrottled(account, bucket, 1);
        s3.deleteObject(b -> b.bucket(bucket).key("big.bin"));

        Object outcome = run.outcome().get(60, java.util.concurrent.TimeUnit.SECONDS);
        OpenUploads.OpenUpload open = run.upload();
        assertThat(outcome).isInstanceOf(java.io.IOException.class);
        assertThat(((Exception) outcome).getMessage()).contains("big.bin");
        assertThat(openUploads.under(destination, mirror)).isEmpty();
        // the parts listed before are gone (S3 answers NoSuchUpload, the stack's S3 server an empty list)
        try {
            assertThat(parts(open)).isEmpty();
        } catch (software.amazon.awssdk.services.s3.model.NoSuchUploadException gone) {
            // aborted
        }
        assertThat(mirrored(account, bucket)).isEmpty();
    }

    @Test
    void aStoppedMultipartCopyKeepsItsPartsAndTheNextRunCopiesOnlyTheMissingOnes() throws Exception {
        String account = UUID.randomUUID().toString();
        String bucket = tenantBucket();
        byte[] big = random(40 * 1024 * 1024 + 5);
        s3.putObject(b -> b.bucket(bucket).key("big.bin"), RequestBody.fromBytes(big));

        OpenUploads.OpenUpload kept = stopMidCopy(account, bucket);
        long keptBytes = parts(kept).stream().mapToLong(Part::size).sum();
        assertThat(keptBytes).isBetween(2 * PART, big.length - PART);

        Manifest resumed = mirror(account, bucket);

        assertThat(resumed.counts()).containsEntry("copied", 1L).containsEntry("copied_bytes", (long) big.length);
        // parts still in flight when the copy stopped may have been stored after they were listed
        assertThat(resumed.counts().get("resumed_bytes")).isBetween(keptBytes, big.length - PART);
        String mirror = BucketMirrorWriter.mirrorPrefix(destination, account, bucket);
        assertThat(sha256(destination.bucket(), mirror + "big.bin")).isEqualTo(sha256(big));
        assertThat(openUploads.under(destination, mirror)).isEmpty();
    }

    @Test
    void aKeptUploadOfAVersionTheSourceNoLongerHasIsAbortedAndNotResumed() throws Exception {
        String account = UUID.randomUUID().toString();
        String bucket = tenantBucket();
        s3.putObject(b -> b.bucket(bucket).key("big.bin"), RequestBody.fromBytes(random(40 * 1024 * 1024)));
        OpenUploads.OpenUpload kept = stopMidCopy(account, bucket);
        byte[] changed = random(40 * 1024 * 1024 + 1);
        s3.putObject(b -> b.bucket(bucket).key("big.bin"), RequestBody.fromBytes(changed));

        Manifest next = mirror(account, bucket);

        assertThat(next.counts()).containsEntry("copied", 1L).containsEntry("resumed_bytes", 0L);
        String mirror = BucketMirrorWriter.mirrorPrefix(destination, account, bucket);
        assertThat(sha256(destination.bucket(), mirror + "big.bin")).isEqualTo(sha256(changed));
        assertThat(openUploads.under(destination, mirror)).isEmpty();
        // aborted (S3 answers NoSuchUpload, the stack's S3 server an empty list)
        try {
            assertThat(parts(kept)).isEmpty();
        } catch (software.amazon.awssdk.services.s3.model.NoSuchUploadException gone) {
            // aborted
        }
    }

    @Test
    void theSweepAbortsAnUploadARestoreLeftInTheTenantStorage() {
        String target = "restored-" + UUID.randomUUID().toString().substring(0, 8);
        ArtifactTestStack.createBucket(target);
        // a key without '/': the stack's S3 server lists only those among open uploads
        String key = "left-" + UUID.randomUUID();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(target).key(key)).uploadId();
        s3.uploadPart(b -> b.bucket(target).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromString("part"));
        openUploads.inTenantStorage(target).opened(key, uploadId);
        assertThat(s3.listMultipartUploads(b -> b.bucket(target)).uploads()).isNotEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(openUploads.abortStartedBefore(clock.instant())).isPositive();

        assertThat(s3.listMultipartUploads(b -> b.bucket(target)).uploads()).isEmpty();
        assertThat(openUploads.startedBefore(clock.instant())).noneMatch(u -> u.uploadId().equals(uploadId));
    }

    /** Interrupts a mirror run once its multipart copy has stored two parts; returns the upload, which stays recorded. */
    private OpenUploads.OpenUpload stopMidCopy(String account, String bucket) throws Exception {
        ThrottledRun run = startThrottled(account, bucket, 2);
        run.runner().interrupt();
        assertThat(run.outcome().get(30, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(Exception.class);
        assertThat(openUploads.under(destination, BucketMirrorWriter.mirrorPrefix(destination, account, bucket)))
                .extracting(OpenUploads.OpenUpload::uploadId).containsExactly(run.upload().uploadId());
        return run.upload();
    }

    /** A mirror run under way, the thread running it and its multipart copy's upload. */
    private record ThrottledRun(CompletableFuture<Object> outcome, Thread runner, OpenUploads.OpenUpload upload) {
    }

    /**
     * Starts mirroring {@code bucket} at 4 MiB/s (a part of 5 MiB every 1.25 s) and returns once its multipart copy has
     * stored {@code parts} parts; the outcome is what the write returned or threw.
     */
    private ThrottledRun startThrottled(String account, String bucket, int parts) {
        String mirror = BucketMirrorWriter.mirrorPrefix(destination, account, bucket);
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                return writer.write(request(account, bucket, 4L * 1024 * 1024), Progress.NONE);
            } catch (Exception e) {
                return e;
            }
        });
        OpenUploads.OpenUpload open = await().atMost(Duration.ofSeconds(30))
                .until(() -> openUploads.under(destination, mirror).stream().findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> parts(open).size() >= parts);
        return new ThrottledRun(outcome, runner.get(), open);
    }

    private List<Part> parts(OpenUploads.OpenUpload upload) {
        return s3.listParts(b -> b.bucket(destination.bucket()).key(upload.key()).uploadId(upload.uploadId())).parts();
    }

    @Test
    void streamsThePartsBetweenTwoServersAndAbortsWhenTheSourceChanged() throws Exception {
        String bucket = tenantBucket();
        byte[] big = random(12 * 1024 * 1024 + 3);
        String etag = s3.putObject(b -> b.bucket(bucket).key("big.bin"), RequestBody.fromBytes(big)).eTag();
        // keys without '/': the stack's S3 server lists only those among open uploads
        String copy = "copy-" + UUID.randomUUID();
        MultipartCopy streamed = new MultipartCopy(PART, 2, false, Throttle.NONE, MultipartUpload.Tracker.NONE);

        streamed.copy(s3, bucket, "big.bin", etag, s3, bucket, copy, big.length, Map.of("k", "v"));

        assertThat(sha256(bucket, copy)).isEqualTo(sha256(big));
        String changed = "changed-" + UUID.randomUUID();
        assertThatThrownBy(() -> streamed.copy(s3, bucket, "big.bin", "\"0123456789abcdef0123456789abcdef\"", s3, bucket,
                changed, big.length, Map.of())).isInstanceOf(Exception.class);
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix(changed)).contents()).isEmpty();
    }

    /** A new, empty bucket of the tenant storage. */
    private static String tenantBucket() {
        String bucket = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        ArtifactTestStack.createBucket(bucket);
        return bucket;
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        return bytes;
    }

    private String sha256(String bucket, String key) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        try (java.io.InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Manifest mirror(String account, String bucket) throws Exception {
        ArtifactWritten written = writer.write(request(account, bucket, 0), Progress.NONE);
        return manifests.read(destination, written.manifestKey());
    }

    private ArtifactRequest request(String account, String bucket, long bandwidth) {
        return new ArtifactRequest(account, "p", UUID.randomUUID().toString(), TargetKind.BUCKET, bucket, destination,
                "it/bucket/" + UUID.randomUUID() + ".inventory.zst.age", 3, List.of(ArtifactTestStack.recipient()), bandwidth);
    }

    private void put(String bucket, String key, String text) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    private Map<String, String> mirrored(String account, String bucket) {
        return objects(destination.bucket(), BucketMirrorWriter.mirrorPrefix(destination, account, bucket));
    }

    private Map<String, String> objects(String bucket, String prefix) {
        Map<String, String> objects = new TreeMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            objects.put(o.key().substring(prefix.length()), new String(s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key()))
                    .asByteArray(), StandardCharsets.UTF_8));
        }
        return objects;
    }
}
