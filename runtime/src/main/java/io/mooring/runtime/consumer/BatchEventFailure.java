package io.mooring.runtime.consumer;

/**
 * A {@link BatchEventHandler} applied the events before {@link #index()} and failed on the event
 * at that index; the cause is classified as any handler failure.
 */
public class BatchEventFailure extends Exception {
    private final int index;

    public BatchEventFailure(int index, Throwable cause) {
        super("event " + index + " of the batch failed: " + cause, cause);
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
        this.index = index;
    }

    public int index() {
        return index;
    }
}
