package io.mooring.backup.artifact;

import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What every writer and restorer does the same way: upload, manifest last, download. */
@Singleton
final class Artifacts {
    private static final Logger LOG = LoggerFactory.getLogger(Artifacts.class);
    private final Destinations destinations;
    private final Manifests manifests;
    private final AgeKeys keys;
    private final ArtifactSettings settings;
    private final Clock clock;
    private final MultipartUpload.Trackers trackers;
    private final UploadStats stats = new UploadStats();
    private final Set<String> bucketsSeen = ConcurrentHashMap.newKeySet();

    Artifacts(Destinations destinations, Manifests manifests, AgeKeys keys, ArtifactSettings settings, Clock clock,
              MultipartUpload.Trackers trackers) {
        this.trackers = trackers;
        this.destinations = destinations;
        this.manifests = manifests;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    ArtifactSettings settings() {
        return settings;
    }

    UploadStats stats() {
        return stats;
    }

    S3Client s3(Destination destination) {
        return destinations.client(destination);
    }

    /** Creates the destination's bucket if it does not exist yet (asked once per destination). */
    void ensureBucket(Destination destination) {
        if (bucketsSeen.contains(destination.name() + "/" + destination.bucket())) {
            return;
        }
        S3Client s3 = s3(destination);
        try {
            s3.headBucket(b -> b.bucket(destination.bucket()));
        } catch (NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(destination.bucket()));
                LOG.info("created bucket {} of {}", destination.bucket(), destination);
            } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException created) {
                // created meanwhile
            }
        }
        bucketsSeen.add(destination.name() + "/" + destination.bucket());
    }

    /** What records the multipart uploads the request's run opens in its destination. */
    MultipartUpload.Tracker tracker(ArtifactRequest request) {
        return trackers.of(request.destination(), request.runId());
    }

    /** Starts the encrypted upload of the request's artifact. */
    EncryptedUpload upload(ArtifactRequest request) throws IOException {
        ensureBucket(request.destination());
        return EncryptedUpload.start(s3(request.destination()), request.destination().bucket(), request.key(),
                request.zstdLevel(), request.ageRecipients(), settings,
                new Throttle(request.bandwidthBytesPerSecond()), stats, tracker(request));
    }

    /** The plaintext of an artifact; the caller closes it. */
    InputStream download(Destination destination, String key) throws IOException {
        return EncryptedDownload.open(s3(destination), destination.bucket(), key, keys);
    }

    /**
     * Writes the manifest of a complete artifact; if that fails, the artifact is deleted again so that
     * no artifact stands without its manifest.
     */
    ArtifactWritten commit(ArtifactRequest request, EncryptedUpload.Sizes sizes, String source, Map<String, String> versions,
                           Instant startedAt, Map<String, Long> tables, Map<String, Long> counts) {
        Manifest manifest = new Manifest(Manifest.FORMAT, request.kind().wireName(), request.accountId(), request.policyId(),
                request.runId(), request.targetName(), source, request.key(), sizes.plaintextBytes(), sizes.storedBytes(),
                sizes.plaintextSha256(), sizes.storedSha256(), "zstd", request.zstdLevel(), AgeKeys.FORMAT,
                request.ageRecipients(), versions, startedAt, now(), tables, counts);
        try {
            manifests.write(request.destination(), request.manifestKey(), manifest);
        } catch (RuntimeException e) {
            delete(request.destination(), request.key());
            throw e;
        }
        return manifest.written(request.manifestKey());
    }

    /** Deletes an object; best effort, for cleaning up after a failure. */
    void delete(Destination destination, String key) {
        try {
            s3(destination).deleteObject(DeleteObjectRequest.builder().bucket(destination.bucket()).key(key).build());
        } catch (RuntimeException e) {
            LOG.warn("could not delete {} from {} after a failure: {}", key, destination, e.toString());
        }
    }
}
