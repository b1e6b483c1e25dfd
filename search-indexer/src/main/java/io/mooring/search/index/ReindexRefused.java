package io.mooring.search.index;

import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/** A reindex that cannot start: the index is unknown, or a reindex of it is already running (on any replica). */
public final class ReindexRefused extends RuntimeException {
    @Nullable
    private final UUID running;

    private ReindexRefused(String message, @Nullable UUID running) {
        super(message);
        this.running = running;
    }

    static ReindexRefused unknown(String name, Iterable<String> known) {
        return new ReindexRefused("no index " + name + " to reindex; reindexable: " + String.join(", ", known), null);
    }

    static ReindexRefused running(String name, UUID operation) {
        return new ReindexRefused("a reindex of " + name + " is running: operation " + operation, operation);
    }

    /** The id of the reindex already running, when that is the reason; null for an unknown index. */
    @Nullable
    public UUID runningOperation() {
        return running;
    }
}
