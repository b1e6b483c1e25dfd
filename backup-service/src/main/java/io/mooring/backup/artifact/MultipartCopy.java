package io.mooring.backup.artifact;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * One object copied as a multipart upload of byte ranges, for objects one {@code PutObject} cannot take (over 5 GiB)
 * or should not (a part that fails is retried alone): on one S3 server with one account, each part is an
 * {@code UploadPartCopy} the server does by itself; between two servers, each part is a ranged {@code GetObject}
 * streamed into an {@code UploadPart}. Every part reads the source as it was when listed ({@code If-Match} its ETag),
 * so a source changed midway fails the copy instead of mixing two versions. At most {@code partsInFlight} parts at
 * once. A copy that stops before completing aborts its upload, unless its tracker {@linkplain
 * MultipartUpload.Tracker#resumes() resumes} copies and the source is still the version copied: then the upload and
 * its stored parts are kept, and the next copy of that version lists them ({@code ListParts}) and copies only the
 * parts still missing. The stale-upload sweep aborts a kept upload nobody resumes.
 */
final class MultipartCopy {
    /** S3's most parts per upload. */
    static final int MAX_PARTS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(MultipartCopy.class);

    private final long partSize;
    private final int partsInFlight;
    private final boolean serverSide;
    private final Throttle throttle;
    private final MultipartUpload.Tracker tracker;

    /**
     * @param serverSide the source and the target are on one server, readable with the target's credentials
     * @param tracker    told of the upload's id (after {@code CreateMultipartUpload}) and of its end
     */
    MultipartCopy(long partSize, int partsInFlight, boolean serverSide, Throttle throttle, MultipartUpload.Tracker tracker) {
        this.partSize = partSize;
        this.partsInFlight = partsInFlight;
        this.serverSide = serverSide;
        this.throttle = throttle;
        this.tracker = tracker;
    }

    /** Bytes per part for an object of {@code size}: the part size, larger if it would need over 10,000 parts. */
    static long partSize(long size, long partSize) {
        return Math.max(partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
    }

    /**
     * Copies {@code fromKey} (of {@code size} bytes and ETag {@code etag}) to {@code toKey}; returns once it is complete,
     * with how many of its bytes were parts a kept upload already held.
     */
    long copy(S3Client from, String fromBucket, String fromKey, String etag, S3Client to, String toBucket, String toKey,
              long size, Map<String, String> metadata) throws Exception {
        long part = partSize(size, partSize);
        Map<Integer, CompletedPart> stored = new HashMap<>();
        String uploadId = resume(to, toBucket, toKey, etag, size, part, stored);
        if (uploadId == null) {
            uploadId = open(to, toBucket, toKey, etag, part, metadata);
        }
        String id = uploadId;
        long resumed = 0;
        Semaphore slots = new Semaphore(partsInFlight);
        List<Future<CompletedPart>> parts = new ArrayList<>();
        List<CompletedPart> done = new ArrayList<>();
        ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("copy-part-", 0).factory());
        try {
            int number = 0;
            for (long first = 0; first < size; first += part) {
                int n = ++number;
                long last = Math.min(size, first + part) - 1;
                CompletedPart kept = stored.get(n);
                if (kept != null) {
                    done.add(kept);
                    resumed += last - first + 1;
                    continue;
                }
                slots.acquire();
                failFast(parts);
                long start = first;
                parts.add(threads.submit(() -> {
                    try {
                        return CompletedPart.builder().partNumber(n)
                                .eTag(copyPart(from, fromBucket, fromKey, etag, to, toBucket, toKey, id, n, start, last))
                                .build();
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<CompletedPart> f : parts) {
                done.add(await(f, fromKey));
            }
            done.sort(Comparator.comparing(CompletedPart::partNumber));
            to.completeMultipartUpload(b -> b.bucket(toBucket).key(toKey).uploadId(id)
                    .multipartUpload(u -> u.parts(done)));
            ended(toKey, id);
            if (resumed > 0) {
                LOG.info("multipart copy to {} resumed: {} of its {} bytes were stored already", toKey, resumed, size);
            }
            return resumed;
        } catch (Exception | Error e) {
            parts.forEach(f -> f.cancel(true));
            stop(threads);
            if (tracker.resumes() && !sourceGone(e)) {
                LOG.info("multipart copy to {} stopped ({}); its stored parts are kept for the next run", toKey, e.toString());
            } else if (abort(to, toBucket, toKey, id)) {
                ended(toKey, id);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while copying " + fromKey);
            }
            throw e;
        } finally {
            threads.shutdownNow();
        }
    }

    private String open(S3Client to, String bucket, String key, String etag, long part, Map<String, String> metadata) {
        String uploadId = to.createMultipartUpload(b -> b.bucket(bucket).key(key).metadata(metadata)
                .contentType("application/octet-stream")).uploadId();
        try {
            tracker.openedCopy(key, uploadId, etag, part);
        } catch (RuntimeException e) {
            abort(to, bucket, key, uploadId);
            throw e;
        }
        return uploadId;
    }

    /**
     * The kept upload of this source version the tracker hands over, with its stored parts of the right size put in
     * {@code stored}; {@code null} if there is none (or S3 no longer has it).
     */
    private String resume(S3Client to, String bucket, String key, String etag, long size, long part,
                          Map<Integer, CompletedPart> stored) {
        if (!tracker.resumes()) {
            return null;
        }
        String uploadId = tracker.resumable(key, etag, part);
        if (uploadId == null) {
            return null;
        }
        try {
            for (Part p : to.listPartsPaginator(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts()) {
                long first = (long) (p.partNumber() - 1) * part;
                if (p.partNumber() >= 1 && first < size && p.size() != null && p.size() == Math.min(size, first + part) - first) {
                    stored.put(p.partNumber(), CompletedPart.builder().partNumber(p.partNumber()).eTag(p.eTag()).build());
                }
            }
            return uploadId;
        } catch (NoSuchUploadException e) {
            stored.clear();
            ended(key, uploadId);
            return null;
        }
    }

    /**
     * The source changed or was deleted since it was listed (the stored parts are of a version that is gone), or the
     * upload itself is gone.
     */
    private static boolean sourceGone(Throwable failure) {
        java.util.Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof S3Exception s3 && (s3.statusCode() == 412 || s3.statusCode() == 404)) {
                return true;
            }
        }
        return false;
    }

    private String copyPart(S3Client from, String fromBucket, String fromKey, String etag, S3Client to, String toBucket,
                            String toKey, String uploadId, int number, long first, long last) throws IOException {
        long length = last - first + 1;
        String range = "bytes=" + first + "-" + last;
        if (serverSide) {
            throttle.pass(length);
            return to.uploadPartCopy(b -> b.sourceBucket(fromBucket).sourceKey(fromKey).copySourceIfMatch(etag)
                    .copySourceRange(range).destinationBucket(toBucket).destinationKey(toKey).uploadId(uploadId)
                    .partNumber(number)).copyPartResult().eTag();
        }
        // the SDK may read the body more than once (signing over plain HTTP, retries): each read downloads afresh
        List<ResponseInputStream<GetObjectResponse>> opened = new ArrayList<>();
        try {
            return to.uploadPart(b -> b.bucket(toBucket).key(toKey).uploadId(uploadId).partNumber(number)
                    .contentLength(length), RequestBody.fromContentProvider(() -> {
                        opened.forEach(ObjectCopies::abort);
                        ResponseInputStream<GetObjectResponse> in = from.getObject(g -> g.bucket(fromBucket).key(fromKey)
                                .range(range).ifMatch(etag));
                        opened.add(in);
                        return new ObjectCopies.Throttled(in, throttle);
                    }, length, "application/octet-stream")).eTag();
        } finally {
            opened.forEach(ObjectCopies::abort);
        }
    }

    private static void failFast(List<Future<CompletedPart>> parts) throws IOException, InterruptedException {
        for (Future<CompletedPart> f : parts) {
            if (f.isDone()) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw failure(e);
                }
            }
        }
    }

    private static CompletedPart await(Future<CompletedPart> part, String key) throws IOException, InterruptedException {
        try {
            return part.get();
        } catch (ExecutionException e) {
            IOException failure = failure(e);
            throw new IOException("copying a part of " + key + " failed: " + failure.getMessage(), failure);
        }
    }

    private static IOException failure(ExecutionException e) {
        Throwable cause = e.getCause();
        return cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
    }

    /** Interrupts the running parts and waits a while for them to end, so that none is stored after the abort. */
    private static void stop(ExecutorService threads) {
        threads.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            threads.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean abort(S3Client to, String bucket, String key, String uploadId) {
        try {
            to.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            return true;
        } catch (NoSuchUploadException e) {
            return true;
        } catch (RuntimeException e) {
            LOG.warn("could not abort the multipart copy to {} ({}); the stale-upload sweep will", key, e.toString());
            return false;
        }
    }

    private void ended(String key, String uploadId) {
        try {
            tracker.ended(key, uploadId);
        } catch (RuntimeException e) {
            LOG.warn("could not record the end of the multipart copy to {} ({}); the stale-upload sweep will", key, e.toString());
        }
    }
}
