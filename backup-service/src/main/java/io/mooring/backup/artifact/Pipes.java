package io.mooring.backup.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Streams copied in bounded chunks, on a thread of their own so that the caller stays interruptible. */
final class Pipes {
    private static final int CHUNK = 256 * 1024;
    private static final long PROGRESS_EVERY = 8L * 1024 * 1024;

    private Pipes() {
    }

    /** Copies {@code in} to {@code out} until the end of {@code in}; returns the bytes copied. */
    static long copy(InputStream in, OutputStream out, Progress progress) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        long reported = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted");
            }
            out.write(buffer, 0, n);
            total += n;
            if (total - reported >= PROGRESS_EVERY) {
                progress.bytes(total);
                reported = total;
            }
        }
        progress.bytes(total);
        return total;
    }

    /**
     * Runs {@code work} on a new thread and waits for it. If the caller is interrupted, {@code onInterrupt}
     * runs (it must unblock the work, e.g. by killing the process it reads from), the work is
     * interrupted and awaited, and {@link InterruptedException} is thrown.
     */
    static <T> T interruptibly(Callable<T> work, Runnable onInterrupt) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Thread worker = Thread.ofVirtual().name("artifact-pipe").start(task);
        try {
            return task.get();
        } catch (InterruptedException e) {
            onInterrupt.run();
            worker.interrupt();
            worker.join();
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IOException(e.getCause());
        }
    }
}
