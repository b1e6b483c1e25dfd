package io.mooring.backup.artifact;

import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Holds a writer to at most {@code bytesPerSecond} on average; 0 means no cap. Shared between threads. */
final class Throttle {
    static final Throttle NONE = new Throttle(0);
    private final long bytesPerSecond;
    private final long start = System.nanoTime();
    private long bytes;

    Throttle(long bytesPerSecond) {
        this.bytesPerSecond = Math.max(0, bytesPerSecond);
    }

    /** Counts {@code n} bytes and waits until sending them keeps within the cap. */
    void pass(long n) throws InterruptedIOException {
        if (bytesPerSecond == 0) {
            return;
        }
        long due;
        synchronized (this) {
            bytes += n;
            due = start + bytes * TimeUnit.SECONDS.toNanos(1) / bytesPerSecond;
        }
        // a rate limiter waits by design; parking honours interruption
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while holding to the bandwidth cap");
            }
        }
    }
}
