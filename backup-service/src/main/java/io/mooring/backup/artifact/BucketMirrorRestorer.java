package io.mooring.backup.artifact;

import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.S3Source;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a bucket's mirror back into a bucket of the tenant object storage ({@code targetName}),
 * creating it when missing. A bucket holding objects is refused unless {@code overwrite}; then the
 * mirror's objects replace those of the same key and other objects are left alone. A run is restored
 * as it saw the source: the objects its inventory lists, each in the version it copied.
 */
@Singleton
public class BucketMirrorRestorer implements ArtifactRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(BucketMirrorRestorer.class);
    private final S3Source source;
    private final Artifacts artifacts;
    private final Manifests manifests;
    private final JsonMapper json;
    private final OpenUploads openUploads;

    BucketMirrorRestorer(S3Source source, Artifacts artifacts, Manifests manifests, JsonMapper json, OpenUploads openUploads) {
        this.source = source;
        this.openUploads = openUploads;
        this.json = json;
        this.artifacts = artifacts;
        this.manifests = manifests;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.BUCKET;
    }

    /**
     * Restores the objects of the mirror that the artifact {@code request.key()} lists (the run's inventory; its manifest
     * names the account and the bucket mirrored) into the bucket {@code request.targetName()}: each object as that run
     * saw it in the source. A mirror holds one version per key, so an object changed or deleted since that run is
     * restorable only while the mirror still holds the version the run saw; if any is not, nothing is restored.
     */
    @Override
    public void restore(RestoreRequest request, Progress progress) throws Exception {
        Destination destination = request.destination();
        Manifest manifest = manifests.read(destination, request.key() + ".manifest.json");
        String mirror = BucketMirrorWriter.mirrorPrefix(destination, manifest.accountId(), manifest.target());
        String target = request.targetName();
        S3Client from = artifacts.s3(destination);
        S3Client to = source.client();
        List<Copy> copies = asTheRunSaw(from, destination.bucket(), mirror, inventory(destination, request.key()));
        prepare(to, target, request.overwrite());
        AtomicLong bytes = new AtomicLong();
        AtomicLong restored = new AtomicLong();
        // multipart copies into the tenant storage are aborted on failure, and recorded for the sweep if the instance dies
        boolean serverSide = source.sameAccount(destination.endpoint(), destination.accessKey());
        try (ObjectCopies running = new ObjectCopies(artifacts.settings(), Throttle.NONE, serverSide,
                openUploads.inTenantStorage(target))) {
            try {
                for (Copy copy : copies) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("interrupted");
                    }
                    running.copy(from, destination.bucket(), mirror + copy.key(), copy.mirrorEtag(), to, target, copy.key(),
                            copy.size(), Map.of(), () -> {
                                restored.incrementAndGet();
                                progress.bytes(bytes.addAndGet(copy.size()));
                            });
                }
                running.awaitAll();
            } finally {
                running.drain(java.time.Duration.ofSeconds(30));
            }
        }
        LOG.info("mirror {} restored into bucket {} as run {} saw it: {} objects", mirror, target, manifest.runId(),
                restored.get());
    }

    /** One object to restore: its key in the bucket, its size, and the ETag of the mirror's copy of it. */
    private record Copy(String key, long size, String mirrorEtag) {
    }

    /** The objects the run saw in the source (its inventory, less those already gone then): key to size and ETag. */
    private Map<String, MirrorState.Entry> inventory(Destination destination, String key) throws IOException {
        Map<String, MirrorState.Entry> objects = new TreeMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(artifacts.download(destination, key),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                InventoryLine entry = json.readValue(line, InventoryLine.class);
                if (entry.missingSince() == null) {
                    objects.put(entry.key(), new MirrorState.Entry(entry.size(), entry.etag(), null));
                }
            }
        }
        return objects;
    }

    /** A line of a mirror run's inventory. */
    @Serdeable
    record InventoryLine(String key, long size, String etag, String missingSince) {
    }

    /**
     * The mirror's copies of the objects the run saw, checked by their {@code source-etag}; a {@link RestoreRefused}
     * naming the objects whose version the mirror no longer holds (changed or deleted since the run).
     */
    private static List<Copy> asTheRunSaw(S3Client s3, String bucket, String mirror, Map<String, MirrorState.Entry> saw) {
        List<Copy> copies = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, MirrorState.Entry> e : saw.entrySet()) {
            try {
                HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(mirror + e.getKey()));
                if (e.getValue().sameAs(head.contentLength(), head.metadata().get(BucketMirrorWriter.SOURCE_ETAG))) {
                    copies.add(new Copy(e.getKey(), head.contentLength(), head.eTag()));
                    continue;
                }
            } catch (NoSuchKeyException notThere) {
                // deleted from the mirror since
            } catch (S3Exception notThere) {
                if (notThere.statusCode() != 404) {
                    throw notThere;
                }
            }
            gone.add(e.getKey());
        }
        if (!gone.isEmpty()) {
            throw new RestoreRefused(gone.size() + " of the " + saw.size() + " objects of the run are no longer in the mirror as "
                    + "the run saw them (changed or deleted since; a newer run restores them as they are now): "
                    + String.join(", ", gone.subList(0, Math.min(5, gone.size()))) + (gone.size() > 5 ? ", …" : "")
                    + "; nothing was restored");
        }
        return copies;
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
