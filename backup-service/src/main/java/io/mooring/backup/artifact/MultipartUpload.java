package io.mooring.backup.artifact;

import io.mooring.backup.destination.Destination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * An S3 multipart upload written as a stream: bytes fill a part buffer of {@code partSize}; a full
 * part is uploaded on a background thread while the next one fills, with at most
 * {@code partsInFlight} parts uploading at once. Memory is bounded by {@code (partsInFlight + 1) * partSize}
 * whatever the artifact's size. Nothing is visible under the key before {@link #complete()}; an
 * upload that is not completed must be {@link #abort() aborted}.
 */
final class MultipartUpload extends OutputStream {
    private static final Logger LOG = LoggerFactory.getLogger(MultipartUpload.class);

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final int partSize;
    private final Semaphore inFlight;
    private final ExecutorService uploader;
    private final List<Future<CompletedPart>> parts = new ArrayList<>();
    private final UploadStats stats;
    private final Tracker tracker;
    /** Part buffers not in use; at most parts-in-flight + 1 are ever made, then reused. */
    private final java.util.concurrent.BlockingQueue<byte[]> free;
    private final int maxBuffers;
    private int buffersMade;
    private String uploadId;
    private byte[] buffer;
    private int filled;
    private boolean closed;

    /** Told when the upload has its id and when it is completed or aborted, so that an open upload is never lost. */
    interface Tracker {
        /** For a writer with no service database (the benchmark): nothing is recorded. */
        Tracker NONE = new Tracker() {
            @Override
            public void opened(String key, String uploadId) {
            }

            @Override
            public void ended(String key, String uploadId) {
            }
        };

        void opened(String key, String uploadId);

        void ended(String key, String uploadId);

        /**
         * Whether a {@link MultipartCopy} that stops before completing keeps its upload (its stored parts) for a later
         * copy of the same source version to resume, instead of aborting it.
         */
        default boolean resumes() {
            return false;
        }

        /** Records a copy's upload with the source version (ETag) it copies and its part size. */
        default void openedCopy(String key, String uploadId, String sourceEtag, long partSize) {
            opened(key, uploadId);
        }

        /**
         * Takes over the upload of {@code key} that an ended copy of the source version {@code sourceEtag}, in parts of
         * {@code partSize}, kept; {@code null} if there is none.
         */
        default String resumable(String key, String sourceEtag, long partSize) {
            return null;
        }
    }

    /** The tracker of the uploads to a destination. */
    interface Trackers {
        /** @param owner the run writing (a copy kept by a run still running is not resumed by another) */
        Tracker of(Destination destination, String owner);
    }

    MultipartUpload(S3Client s3, String bucket, String key, int partSize, int partsInFlight, UploadStats stats,
                    Tracker tracker) {
        this.s3 = s3;
        this.tracker = tracker;
        this.bucket = bucket;
        this.key = key;
        this.partSize = partSize;
        this.inFlight = new Semaphore(partsInFlight);
        this.stats = stats;
        this.maxBuffers = partsInFlight + 1;
        this.free = new java.util.concurrent.ArrayBlockingQueue<>(maxBuffers);
        this.uploader = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("upload-" + key, 0).factory());
    }

    /** Starts the upload. */
    MultipartUpload start(String contentType) {
        uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(bucket).key(key)
                .contentType(contentType).build()).uploadId();
        try {
            tracker.opened(key, uploadId);
        } catch (RuntimeException e) {
            // an upload nobody knows of would stay: abort it now
            abortQuietly();
            throw e;
        }
        return this;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("upload of " + key + " is closed");
        }
        while (length > 0) {
            if (buffer == null) {
                buffer = nextBuffer();
                filled = 0;
            }
            int n = Math.min(length, partSize - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == partSize) {
                sendPart();
            }
        }
    }

    private byte[] nextBuffer() throws IOException {
        byte[] reused = free.poll();
        if (reused != null) {
            return reused;
        }
        if (buffersMade < maxBuffers) {
            buffersMade++;
            return new byte[partSize];
        }
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading " + key);
        }
    }

    /** Hands the filled buffer to the uploader, waiting while {@code partsInFlight} parts are uploading. */
    private void sendPart() throws IOException {
        failFast();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading " + key);
        }
        byte[] part = buffer;
        int length = filled;
        int number = parts.size() + 1;
        buffer = null;
        filled = 0;
        parts.add(uploader.submit(() -> {
            try {
                // read from the part buffer as it is: no copy of the part is made
                String etag = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(number).contentLength((long) length).build(), RequestBody.fromContentProvider(
                        () -> new java.io.ByteArrayInputStream(part, 0, length), length, "application/octet-stream")).eTag();
                return CompletedPart.builder().partNumber(number).eTag(etag).build();
            } finally {
                if (part.length == partSize) {
                    free.offer(part);
                }
                inFlight.release();
            }
        }));
    }

    /** Fails the writer as soon as one part upload has failed, instead of at the end. */
    private void failFast() throws IOException {
        for (Future<CompletedPart> part : parts) {
            if (part.isDone()) {
                await(part);
            }
        }
    }

    /** No more bytes: sends the last part (the only part may be empty). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (buffer == null) {
            buffer = new byte[0];
        }
        if (filled > 0 || parts.isEmpty()) {
            sendPart();
        }
        closed = true;
    }

    /** Waits for every part and makes the object visible under its key. */
    void complete() throws IOException {
        close();
        List<CompletedPart> done = new ArrayList<>();
        for (Future<CompletedPart> part : parts) {
            done.add(await(part));
        }
        done.sort(Comparator.comparing(CompletedPart::partNumber));
        s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(done).build()).build());
        uploader.shutdown();
        ended();
        stats.partsUploaded(done.size());
        stats.uploadBuffers((long) buffersMade * partSize);
    }

    /** Stops the part uploads and aborts the upload, so that no part is left stored; best effort. */
    void abort() {
        closed = true;
        stats.uploadBuffers((long) buffersMade * partSize);
        parts.forEach(p -> p.cancel(true));
        uploader.shutdownNow();
        if (uploadId != null && abortQuietly()) {
            ended();
        }
    }

    private boolean abortQuietly() {
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(uploadId).build());
            return true;
        } catch (NoSuchUploadException e) {
            return true;
        } catch (RuntimeException e) {
            LOG.warn("could not abort the multipart upload of {} ({}); the stale-upload sweep will", key, e.toString());
            return false;
        }
    }

    /** The upload is no longer open; if this cannot be recorded, the sweep finds it gone later. */
    private void ended() {
        try {
            tracker.ended(key, uploadId);
        } catch (RuntimeException e) {
            LOG.warn("could not record the end of the upload of {} ({}); the stale-upload sweep will", key, e.toString());
        }
    }

    private CompletedPart await(Future<CompletedPart> part) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading " + key);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException("uploading a part of " + key + " failed: " + cause, cause);
        }
    }
}
