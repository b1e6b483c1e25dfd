package io.mooring.backup.artifact;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The part buffers uploads made and how many parts they sent; the proof that writers stream. */
final class UploadStats {
    private final AtomicLong peakPerUpload = new AtomicLong();
    private final AtomicInteger parts = new AtomicInteger();

    /** One upload ended having made {@code bytes} of part buffers (reused for all its parts). */
    void uploadBuffers(long bytes) {
        peakPerUpload.accumulateAndGet(bytes, Math::max);
    }

    void partsUploaded(int count) {
        parts.addAndGet(count);
    }

    /** The most bytes of part buffers one upload made, whatever its size. */
    long peakBufferedBytes() {
        return peakPerUpload.get();
    }

    /** Parts of completed uploads. */
    int parts() {
        return parts.get();
    }
}
