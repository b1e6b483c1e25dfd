package io.mooring.runtime.store;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a health check of a store on a thread of its own and waits for it at most a timeout, so that
 * {@code /health} answers at once even when the store hangs. At most one check runs at a time: while
 * one hangs, later calls wait on that same one instead of piling up threads.
 */
public final class BoundedProbe<T> {
    private final String name;
    private final Callable<T> check;
    private final Duration timeout;
    private CompletableFuture<T> running;

    public BoundedProbe(String name, Duration timeout, Callable<T> check) {
        this.name = name;
        this.timeout = timeout;
        this.check = check;
    }

    /** The check's result; throws {@link TimeoutException} when it has not answered within the timeout. */
    public T run() throws Exception {
        CompletableFuture<T> probe = current();
        try {
            return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException(name + " did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private synchronized CompletableFuture<T> current() {
        if (running == null || running.isDone()) {
            CompletableFuture<T> probe = new CompletableFuture<>();
            Thread.ofVirtual().name("mooring-health-" + name).start(() -> {
                try {
                    probe.complete(check.call());
                } catch (Throwable t) {
                    probe.completeExceptionally(t);
                }
            });
            running = probe;
        }
        return running;
    }
}
