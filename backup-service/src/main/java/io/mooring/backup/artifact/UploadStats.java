package io.mooring.backup.artifact;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What uploads held in memory at most and how many parts they sent; the proof that writers stream. */
final class UploadStats {
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong peakBuffered = new AtomicLong();
    private final AtomicInteger parts = new AtomicInteger();

    void bufferAllocated(int bytes) {
        peakBuffered.accumulateAndGet(buffered.addAndGet(bytes), Math::max);
    }

    void bufferReleased(int bytes) {
        buffered.addAndGet(-bytes);
    }

    void partsUploaded(int count) {
        parts.addAndGet(count);
    }

    /** The most bytes of part buffers held at once. */
    long peakBufferedBytes() {
        return peakBuffered.get();
    }

    /** Parts of completed uploads. */
    int parts() {
        return parts.get();
    }
}
