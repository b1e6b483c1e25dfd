package io.mooring.stack;

import java.time.Duration;

/** Polls a readiness check at short intervals until it passes, the process dies or time runs out. */
final class Readiness {

    private static final long POLL_MILLIS = 100;

    @FunctionalInterface
    interface Check {
        boolean ready() throws Exception;
    }

    private Readiness() {
    }

    /** On failure stops {@code process} and throws {@link IllegalStateException} with the log's tail. */
    static void await(ChildProcess process, Duration timeout, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            try {
                if (check.ready()) {
                    return;
                }
            } catch (Exception e) {
                lastFailure = e;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " " + process.status() + " while starting"
                        + process.describeLog(), lastFailure);
            }
            if (System.nanoTime() > deadline) {
                process.stop(Duration.ofSeconds(10));
                throw new IllegalStateException(process.name() + " not ready within " + timeout.toSeconds() + "s"
                        + process.describeLog(), lastFailure);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.stop(Duration.ofSeconds(10));
                throw new IllegalStateException("interrupted while waiting for " + process.name(), e);
            }
        }
    }
}
