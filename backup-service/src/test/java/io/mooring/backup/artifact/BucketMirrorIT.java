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
        String bucket = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        ArtifactTestStack.createBucket(bucket);
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
        String bucket = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        ArtifactTestStack.createBucket(bucket);
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
        String bucket = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        ArtifactTestStack.createBucket(bucket);
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
