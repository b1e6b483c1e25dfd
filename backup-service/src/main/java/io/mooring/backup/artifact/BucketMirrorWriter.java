package io.mooring.backup.artifact;

import com.github.luben.zstd.util.ZstdVersion;
import io.micronaut.json.JsonMapper;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.S3Source;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An incremental mirror of a tenant bucket at {@code <destination prefix>mirror/<account>/<bucket>/}:
 * objects new or changed since the last run (by size and ETag, recorded in the mirror's state object)
 * are copied a bounded number at a time; objects gone from the source are deleted from the mirror
 * once they have been missing for the grace period. The state is saved as copies complete, so an
 * interrupted run resumes with what is still missing; a copy finished after the last save is
 * recognised by its {@code source-etag} metadata. The mirror's objects are plain copies (see the
 * README); the run's artifact is an encrypted inventory of the mirror, with its manifest.
 */
@Singleton
public class BucketMirrorWriter implements ArtifactWriter {
    static final String SOURCE_ETAG = "source-etag";
    private static final Logger LOG = LoggerFactory.getLogger(BucketMirrorWriter.class);
    private static final int SAVE_EVERY = 100;
    private static final java.time.Duration DRAIN_GRACE = java.time.Duration.ofSeconds(30);
    private final S3Source source;
    private final Artifacts artifacts;
    private final JsonMapper json;

    BucketMirrorWriter(S3Source source, Artifacts artifacts, JsonMapper json) {
        this.source = source;
        this.artifacts = artifacts;
        this.json = json;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.BUCKET;
    }

    /** The mirror's key prefix. */
    public static String mirrorPrefix(Destination destination, String accountId, String bucket) {
        return destination.key("mirror/" + accountId + "/" + bucket + "/");
    }

    /** The key of the mirror's state object, beside (not inside) the mirror. */
    public static String stateKey(Destination destination, String accountId, String bucket) {
        return destination.key("mirror/" + accountId + "/" + bucket + ".state.json");
    }

    @Override
    public ArtifactWritten write(ArtifactRequest request, Progress progress) throws Exception {
        Instant started = artifacts.now();
        if (request.accountId() == null || request.accountId().isBlank() || request.accountId().contains("/")) {
            throw new IllegalArgumentException("a bucket mirror needs the account id, without '/'");
        }
        Destination destination = request.destination();
        String bucket = request.targetName();
        String mirror = mirrorPrefix(destination, request.accountId(), bucket);
        String stateKey = stateKey(destination, request.accountId(), bucket);
        S3Client from = source.client();
        S3Client to = artifacts.s3(destination);
        artifacts.ensureBucket(destination);
        MirrorState state = readState(to, destination.bucket(), stateKey);
        Map<String, MirrorState.Entry> objects = java.util.Collections.synchronizedMap(new TreeMap<>(state.objects()));
        long adopted = adopt(to, destination.bucket(), mirror, objects);
        AtomicLong copied = new AtomicLong();
        AtomicLong copiedBytes = new AtomicLong();
        long resumedBytes;
        Set<String> present = new HashSet<>();
        Throttle throttle = new Throttle(request.bandwidthBytesPerSecond());
        boolean serverSide = source.sameAccount(destination.endpoint(), destination.accessKey());
        try (ObjectCopies copies = new ObjectCopies(artifacts.settings(), throttle, serverSide, artifacts.tracker(request))) {
            try {
                for (S3Object object : from.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).build()).contents()) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("interrupted");
                    }
                    present.add(object.key());
                    MirrorState.Entry known = objects.get(object.key());
                    if (known != null && known.sameAs(object.size(), object.eTag())) {
                        if (known.missingSince() != null) {
                            objects.put(object.key(), new MirrorState.Entry(known.size(), known.etag(), null));
                        }
                        continue;
                    }
                    copies.copy(from, bucket, object.key(), object.eTag(), to, destination.bucket(), mirror + object.key(), object.size(),
                            Map.of(SOURCE_ETAG, object.eTag()), () -> {
                                objects.put(object.key(), new MirrorState.Entry(object.size(), object.eTag(), null));
                                progress.bytes(copiedBytes.addAndGet(object.size()));
                                if (copied.incrementAndGet() % SAVE_EVERY == 0) {
                                    saveState(to, destination.bucket(), stateKey, objects);
                                }
                            });
                }
                copies.awaitAll();
            } finally {
                // what was copied stays copied (and a multipart copy's stored parts): the next run resumes from here
                copies.drain(DRAIN_GRACE);
                resumedBytes = copies.resumedBytes();
                boolean interrupted = Thread.interrupted();
                try {
                    saveState(to, destination.bucket(), stateKey, objects);
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        long[] deletions = expire(to, destination.bucket(), mirror, objects, present);
        saveState(to, destination.bucket(), stateKey, objects);
        return inventory(request, started, mirror, objects, Map.of("objects", (long) objects.size(),
                "bytes", objects.values().stream().mapToLong(MirrorState.Entry::size).sum(),
                "copied", copied.get(), "copied_bytes", copiedBytes.get(), "resumed_bytes", resumedBytes, "adopted", adopted,
                "deleted", deletions[0], "pending_delete", deletions[1]));
    }

    /** Marks keys gone from the source, and deletes the copies of those gone for longer than the grace period. */
    private long[] expire(S3Client to, String bucket, String mirror, Map<String, MirrorState.Entry> objects, Set<String> present) {
        Instant now = artifacts.now();
        Instant deleteBefore = now.minus(artifacts.settings().getMirrorDeleteGrace());
        long deleted = 0;
        long pending = 0;
        for (Map.Entry<String, MirrorState.Entry> e : new TreeMap<>(objects).entrySet()) {
            if (present.contains(e.getKey())) {
                continue;
            }
            MirrorState.Entry entry = e.getValue();
            if (entry.missingSince() == null) {
                objects.put(e.getKey(), new MirrorState.Entry(entry.size(), entry.etag(), now));
                pending++;
            } else if (!entry.missingSince().isAfter(deleteBefore)) {
                to.deleteObject(b -> b.bucket(bucket).key(mirror + e.getKey()));
                objects.remove(e.getKey());
                deleted++;
            } else {
                pending++;
            }
        }
        return new long[]{deleted, pending};
    }

    /**
     * Takes into the state the copies finished after its last save (an interrupted run): mirror objects
     * the state does not know whose {@code source-etag} metadata says what they are a copy of.
     */
    private static long adopt(S3Client to, String bucket, String mirror, Map<String, MirrorState.Entry> objects) {
        long adopted = 0;
        for (S3Object copy : to.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(mirror)).contents()) {
            String key = copy.key().substring(mirror.length());
            if (objects.containsKey(key)) {
                continue;
            }
            HeadObjectResponse head = to.headObject(b -> b.bucket(bucket).key(copy.key()));
            String etag = head.metadata().get(SOURCE_ETAG);
            if (etag != null) {
                objects.put(key, new MirrorState.Entry(head.contentLength(), etag, null));
                adopted++;
            }
        }
        return adopted;
    }

    private MirrorState readState(S3Client to, String bucket, String stateKey) throws IOException {
        try {
            return json.readValue(to.getObjectAsBytes(b -> b.bucket(bucket).key(stateKey)).asByteArray(), MirrorState.class);
        } catch (NoSuchKeyException e) {
            return MirrorState.empty();
        }
    }

    private void saveState(S3Client to, String bucket, String stateKey, Map<String, MirrorState.Entry> objects) {
        byte[] body;
        synchronized (objects) {
            try {
                body = json.writeValueAsBytes(new MirrorState(1, objects));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        to.putObject(b -> b.bucket(bucket).key(stateKey).contentType("application/json"), RequestBody.fromBytes(body));
    }

    /** The run's artifact: the mirror's objects (key, size, ETag) as JSON lines, encrypted, and its manifest. */
    private ArtifactWritten inventory(ArtifactRequest request, Instant started, String mirror,
                                      Map<String, MirrorState.Entry> objects, Map<String, Long> counts) throws Exception {
        EncryptedUpload upload = artifacts.upload(request);
        try {
            for (Map.Entry<String, MirrorState.Entry> e : new TreeMap<>(objects).entrySet()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("key", e.getKey());
                line.put("size", e.getValue().size());
                line.put("etag", e.getValue().etag());
                if (e.getValue().missingSince() != null) {
                    line.put("missingSince", e.getValue().missingSince().toString());
                }
                upload.plaintext().write(json.writeValueAsBytes(line));
                upload.plaintext().write('\n');
            }
            EncryptedUpload.Sizes sizes = upload.finish();
            Map<String, String> versions = new LinkedHashMap<>();
            versions.put("mirror", "plain copies under s3://" + request.destination().bucket() + "/" + mirror);
            versions.put("inventory_format", "JSON lines: key, size, etag[, missingSince]");
            versions.put("zstd", "zstd-jni " + ZstdVersion.VERSION);
            versions.put("age", AgeKeys.FORMAT);
            ArtifactWritten written = artifacts.commit(request, sizes, "s3 " + request.targetName(), versions, started,
                    Map.of(), counts);
            LOG.info("bucket {} mirrored to {}: {}", request.targetName(), mirror, counts);
            return written;
        } catch (Exception | Error e) {
            upload.abort();
            throw e;
        }
    }
}
