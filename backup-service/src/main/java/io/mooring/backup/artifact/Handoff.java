package io.mooring.backup.artifact;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands bytes to a thread of its own that writes them on to {@code downstream}, through a queue of
 * at most {@code chunks} chunks: compression and encryption then run on two cores, as the stages of a
 * shell pipeline do, with bounded memory. Closing waits for the last byte to be written and closes
 * {@code downstream}; a failure on either side ends both.
 */
final class Handoff extends OutputStream {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> queue;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread consumer;
    private boolean closed;

    Handoff(OutputStream downstream, int chunks) {
        this.queue = new ArrayBlockingQueue<>(chunks);
        this.consumer = Thread.ofVirtual().name("artifact-handoff").start(() -> {
            try (OutputStream out = downstream) {
                for (byte[] chunk = queue.take(); chunk != END; chunk = queue.take()) {
                    out.write(chunk);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                queue.clear();
            }
        });
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > 0) {
            put(Arrays.copyOfRange(b, off, off + len));
        }
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!consumer.isAlive()) {
                    throw new IOException("the writing thread ended");
                }
            }
            rethrow();
        } catch (InterruptedException e) {
            consumer.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        }
    }

    /** Waits until everything is written and {@code downstream} is closed. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        put(END);
        try {
            consumer.join();
        } catch (InterruptedException e) {
            consumer.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        }
    }

    /** Stops the writing thread without waiting. */
    void abort() {
        closed = true;
        consumer.interrupt();
    }
}
