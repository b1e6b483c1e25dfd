package io.mooring.backup.artifact;

import io.mooring.backup.destination.Destination;
import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.S3Source;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a bucket's mirror back into a bucket of the tenant object storage ({@code targetName}),
 * creating it when missing. A bucket holding objects is refused unless {@code overwrite}; then the
 * mirror's objects replace those of the same key and other objects are left alone. The restored
 * state is the mirror as it is now, not as it was at an older run.
 */
@Singleton
public class BucketMirrorRestorer implements ArtifactRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(BucketMirrorRestorer.class);
    private final S3Source source;
    private final Artifacts artifacts;
    private final Manifests manifests;

    BucketMirrorRestorer(S3Source source, Artifacts artifacts, Manifests manifests) {
        this.source = source;
        this.artifacts = artifacts;
        this.manifests = manifests;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.BUCKET;
    }

    /**
     * Restores the mirror that the artifact {@code request.key()} belongs to (its manifest names the
     * account and the bucket mirrored) into the bucket {@code request.targetName()}.
     */
    @Override
    public void restore(RestoreRequest request, Progress progress) throws Exception {
        Destination destination = request.destination();
        Manifest manifest = manifests.read(destination, request.key() + ".manifest.json");
        String mirror = BucketMirrorWriter.mirrorPrefix(destination, manifest.accountId(), manifest.target());
        String target = request.targetName();
        S3Client from = artifacts.s3(destination);
        S3Client to = source.client();
        prepare(to, target, request.overwrite());
        AtomicLong bytes = new AtomicLong();
        AtomicLong restored = new AtomicLong();
        try (ObjectCopies copies = new ObjectCopies(artifacts.settings().getMirrorConcurrency(), Throttle.NONE)) {
            try {
                for (S3Object copy : from.listObjectsV2Paginator(b -> b.bucket(destination.bucket()).prefix(mirror)).contents()) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("interrupted");
                    }
                    copies.copy(from, destination.bucket(), copy.key(), to, target, copy.key().substring(mirror.length()),
                            copy.size(), Map.of(), () -> {
                                restored.incrementAndGet();
                                progress.bytes(bytes.addAndGet(copy.size()));
                            });
                }
                copies.awaitAll();
            } finally {
                copies.drain(java.time.Duration.ofSeconds(30));
            }
        }
        LOG.info("mirror {} restored into bucket {}: {} objects", mirror, target, restored.get());
    }

    private static void prepare(S3Client to, String bucket, boolean overwrite) {
        try {
            boolean empty = to.listObjectsV2(b -> b.bucket(bucket).maxKeys(1)).contents().isEmpty();
            if (!empty && !overwrite) {
                throw new RestoreRefused("bucket " + bucket + " holds objects; restore into an empty bucket or confirm overwriting");
            }
        } catch (NoSuchBucketException e) {
            try {
                to.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException created) {
                // created meanwhile
            }
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            to.createBucket(b -> b.bucket(bucket));
        }
    }
}
