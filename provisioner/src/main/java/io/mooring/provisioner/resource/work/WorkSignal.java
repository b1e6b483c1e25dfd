package io.mooring.provisioner.resource.work;

import jakarta.inject.Singleton;

import java.time.Duration;

/** Lets the API tell idle workers that work was just committed, so they need not wait for their next poll. */
@Singleton
public class WorkSignal {
    private final Object monitor = new Object();
    private long generation;

    public void wakeUp() {
        synchronized (monitor) {
            generation++;
            monitor.notifyAll();
        }
    }

    /** Waits up to {@code timeout} or until {@link #wakeUp()}; false when interrupted. */
    boolean await(Duration timeout) {
        synchronized (monitor) {
            long seen = generation;
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (generation == seen) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return true;
                    }
                    monitor.wait(Math.max(1, left / 1_000_000));
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
