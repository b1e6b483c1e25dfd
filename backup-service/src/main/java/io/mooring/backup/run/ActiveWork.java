package io.mooring.backup.run;

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
}
