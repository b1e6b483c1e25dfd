package io.mooring.backup.artifact;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Object copies from one S3 server to another, a bounded number at a time; the first failure fails the batch once
 * the running copies have ended. An object up to {@code mooring.backup.multipart-copy-threshold} is streamed through
 * one {@code PutObject}; a larger one is a {@link MultipartCopy} (server-side when both ends are one server and
 * account).
 */
final class ObjectCopies implements AutoCloseable {
    private final Semaphore slots;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Throttle throttle;
    private final long threshold;
    private final MultipartCopy multipart;
    private final boolean resumes;
    /** The threads running multipart copies, interrupted first by {@link #drain} when their uploads are kept. */
    private final java.util.Set<Thread> multipartThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong resumedBytes = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param serverSide the source and the target are one server and account, so parts are copied by the server
     * @param tracker    told of each multipart copy's upload id and end
     */
    ObjectCopies(ArtifactSettings settings, Throttle throttle, boolean serverSide, MultipartUpload.Tracker tracker) {
        this.slots = new Semaphore(settings.getMirrorConcurrency());
        this.throttle = throttle;
        this.threshold = settings.getMultipartCopyThreshold();
        this.multipart = new MultipartCopy(settings.getCopyPartSize(), settings.getPartsInFlight(), serverSide, throttle, tracker);
        this.resumes = tracker.resumes();
    }

    /** Bytes of the multipart copies so far that were parts kept by an earlier, stopped copy. */
    long resumedBytes() {
        return resumedBytes.get();
    }

    /**
     * Starts copying, waiting while all slots are busy; {@code done} runs after a successful copy. {@code etag} is the
     * source's as listed: every read of the source asks for it (If-Match), so a copy fails if the source changes meanwhile.
     */
    void copy(S3Client from, String fromBucket, String fromKey, String etag, S3Client to, String toBucket, String toKey,
              long size, Map<String, String> metadata, Runnable done) throws Exception {
        rethrow();
        slots.acquire();
        if (size > threshold) {
            threads.execute(() -> {
                multipartThreads.add(Thread.currentThread());
                try {
                    resumedBytes.addAndGet(multipart.copy(from, fromBucket, fromKey, etag, to, toBucket, toKey, size, metadata));
                    done.run();
                } catch (Exception e) {
                    failure.compareAndSet(null, new IOException("copying " + fromKey + " failed: " + e.getMessage(), e));
                } finally {
                    multipartThreads.remove(Thread.currentThread());
                    slots.release();
                }
            });
            return;
        }
        threads.execute(() -> {
            // the SDK may read the body more than once (signing over plain HTTP, retries): each read downloads afresh
            List<ResponseInputStream<GetObjectResponse>> opened = new ArrayList<>();
            try {
                to.putObject(b -> b.bucket(toBucket).key(toKey).contentLength(size).metadata(metadata),
                        RequestBody.fromContentProvider(() -> {
                            opened.forEach(ObjectCopies::abort);
                            ResponseInputStream<GetObjectResponse> in = from.getObject(g -> g.bucket(fromBucket).key(fromKey)
                                    .ifMatch(etag));
                            opened.add(in);
                            return new Throttled(in, throttle);
                        }, size, "application/octet-stream"));
                done.run();
            } catch (Exception e) {
                failure.compareAndSet(null, new IOException("copying " + fromKey + " failed: " + e.getMessage(), e));
            } finally {
                opened.forEach(ObjectCopies::abort);
                slots.release();
            }
        });
    }

    static void abort(ResponseInputStream<GetObjectResponse> in) {
        in.abort();
        try {
            in.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /**
     * Starts no more copies and lets the running ones finish (a copy cut off mid-request would leave
     * nothing useful); after {@code grace} they are interrupted. Multipart copies whose uploads are kept for
     * resuming are interrupted at once: the next run copies only their missing parts. Keeps the caller's
     * interrupt status.
     */
    void drain(java.time.Duration grace) {
        boolean interrupted = Thread.interrupted();
        threads.shutdown();
        if (resumes) {
            multipartThreads.forEach(Thread::interrupt);
        }
        try {
            if (!threads.awaitTermination(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for every started copy; throws the first failure. */
    void awaitAll() throws Exception {
        threads.shutdown();
        while (!threads.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
            // running copies end by themselves or by close()
        }
        rethrow();
    }

    private void rethrow() throws Exception {
        Exception e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    static final class Throttled extends FilterInputStream {
        private final Throttle throttle;

        Throttled(InputStream in, Throttle throttle) {
            super(in);
            this.throttle = throttle;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                throttle.pass(n);
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                throttle.pass(1);
            }
            return c;
        }
    }
}
