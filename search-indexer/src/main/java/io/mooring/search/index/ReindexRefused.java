package io.mooring.search.index;

import io.micronaut.core.annotation.Nullable;

/** A reindex that cannot start: the index is unknown, or a reindex of it is already running. */
public final class ReindexRefused extends RuntimeException {
    private final transient ReindexStatus running;

    private ReindexRefused(String message, @Nullable ReindexStatus running) {
        super(message);
        this.running = running;
    }

    static ReindexRefused unknown(String name, Iterable<String> known) {
        return new ReindexRefused("no index " + name + " to reindex; reindexable: " + String.join(", ", known), null);
    }

    static ReindexRefused running(ReindexStatus running) {
        return new ReindexRefused("a reindex of " + running.index() + " is running: operation " + running.id(), running);
    }

    /** The reindex already running, when that is the reason; null for an unknown index. */
    @Nullable
    public ReindexStatus runningOperation() {
        return running;
    }
}
