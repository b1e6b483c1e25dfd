package io.mooring.search.index;

import java.time.Instant;
import java.util.UUID;

/** The progress of one reindex, written by its worker and read by the API. */
final class ReindexOperation {
    static final String COPYING = "copying";
    static final String CATCHING_UP = "catching-up";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    private final UUID id;
    private final ManagedIndex index;
    private final String name;
    private final String oldIndex;
    private final String newIndex;
    private final Instant startedAt;
    private String phase = COPYING;
    private long total;
    private long copiedBefore;
    private long copied;
    private long skippedBefore;
    private long skipped;
    private Instant swappedAt;
    private Instant finishedAt;
    private String error;
    /** The lease this process holds for it, renewed by its worker. */
    private volatile ReindexLease lease;

    ReindexOperation(UUID id, ManagedIndex index, String name, String oldIndex, String newIndex, Instant startedAt) {
        this.id = id;
        this.index = index;
        this.name = name;
        this.oldIndex = oldIndex;
        this.newIndex = newIndex;
        this.startedAt = startedAt;
    }

    /** An operation a stopped replica left after the alias swap, taken up again where it was recorded. */
    static ReindexOperation resumed(ReindexStatus recorded, ManagedIndex index) {
        ReindexOperation operation = new ReindexOperation(recorded.id(), index, recorded.index(), recorded.oldIndex(),
                recorded.newIndex(), recorded.startedAt());
        operation.copiedBefore = recorded.copied();
        operation.skippedBefore = recorded.skipped();
        operation.swappedAt = recorded.swappedAt();
        operation.phase = CATCHING_UP;
        return operation;
    }

    String name() {
        return name;
    }

    ReindexLease lease() {
        return lease;
    }

    void lease(ReindexLease lease) {
        this.lease = lease;
    }

    synchronized boolean swappedAlready() {
        return swappedAt != null;
    }

    UUID id() {
        return id;
    }

    ManagedIndex index() {
        return index;
    }

    String oldIndex() {
        return oldIndex;
    }

    String newIndex() {
        return newIndex;
    }

    synchronized boolean finished() {
        return finishedAt != null;
    }

    /** The counts of the current pass so far. */
    synchronized void progress(long total, long copied, long skipped) {
        this.total = total;
        this.copied = copied;
        this.skipped = skipped;
    }

    synchronized void swapped(Instant at) {
        copiedBefore += copied;
        skippedBefore += skipped;
        copied = 0;
        skipped = 0;
        swappedAt = at;
        phase = CATCHING_UP;
    }

    synchronized void succeeded(Instant at) {
        phase = SUCCEEDED;
        finishedAt = at;
    }

    synchronized void failed(Instant at, String why) {
        phase = FAILED;
        finishedAt = at;
        error = why;
    }

    synchronized ReindexStatus status() {
        return new ReindexStatus(id, name, phase, oldIndex, newIndex, total, copiedBefore + copied, skippedBefore + skipped,
                startedAt, swappedAt, finishedAt, error);
    }
}
