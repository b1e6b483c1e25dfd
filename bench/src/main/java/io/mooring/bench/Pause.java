package io.mooring.bench;

import java.time.Duration;

/** Waiting between polls of something the benchmark waits for. */
final class Pause {
    private Pause() {
    }

    static void of(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
