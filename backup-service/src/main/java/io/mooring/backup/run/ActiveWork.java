package io.mooring.backup.run;

import io.mooring.backup.artifact.Progress;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The runs and restores this instance owns (queued or executing) with their progress in plaintext bytes. */
@Singleton
class ActiveWork {
    private final Map<UUID, Long> progress = new ConcurrentHashMap<>();

    void track(UUID id) {
        progress.putIfAbsent(id, 0L);
    }

    void progress(UUID id, long bytes) {
        progress.computeIfPresent(id, (k, v) -> bytes);
    }

    void forget(UUID id) {
        progress.remove(id);
    }

    long of(UUID id) {
        return progress.getOrDefault(id, 0L);
    }

    Map<UUID, Long> snapshot() {
        return Map.copyOf(progress);
    }

    /** The progress of one artifact of {@code id}'s, after {@code base} bytes of those before it. */
    ArtifactProgress artifact(UUID id, long base) {
        return new ArtifactProgress(id, base);
    }

    /** Reports {@code base} plus what the artifact's writer or restorer reports. */
    final class ArtifactProgress implements Progress {
        private final UUID id;
        private final long base;
        /** The most reported so far (a mirror reports from the threads of its copies). */
        private final java.util.concurrent.atomic.AtomicLong reported = new java.util.concurrent.atomic.AtomicLong();

        private ArtifactProgress(UUID id, long base) {
            this.id = id;
            this.base = base;
        }

        @Override
        public void bytes(long plaintextBytesSoFar) {
            reported.accumulateAndGet(plaintextBytesSoFar, Math::max);
            progress(id, base + plaintextBytesSoFar);
        }

        /**
         * Ends the artifact of {@code plaintextBytes}; returns the progress after it: the larger of what was reported and
         * the artifact's size (a mirror reports the bytes it copied, more than its inventory holds).
         */
        long end(long plaintextBytes) {
            long after = base + Math.max(reported.get(), plaintextBytes);
            progress(id, after);
            return after;
        }
    }
}
