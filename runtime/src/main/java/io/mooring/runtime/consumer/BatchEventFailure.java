package io.mooring.runtime.consumer;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link BatchEventHandler} applied the events before {@link #index()} and failed on the event
 * at that index; the cause is classified as any handler failure. Events before the index that the
 * handler {@linkplain #rejected() rejected} for good were not applied: they go to the dead-letter
 * topic with their error, and the others before the index count as applied.
 */
public class BatchEventFailure extends Exception {
    private final int index;
    private final SortedMap<Integer, Throwable> rejected;

    public BatchEventFailure(int index, Throwable cause) {
        this(index, cause, Map.of());
    }

    /**
     * @param index    the first event neither applied nor rejected; the batch's size when every event was
     *                 either (then {@code cause} may be null)
     * @param rejected events before {@code index} that will never apply, with the reason
     */
    public BatchEventFailure(int index, Throwable cause, Map<Integer, ? extends Throwable> rejected) {
        super("event " + index + " of the batch failed: " + cause + (rejected.isEmpty() ? "" : ", " + rejected.size()
                + " rejected"), cause);
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
        rejected.keySet().forEach(i -> {
            if (i < 0 || i >= index) {
                throw new IllegalArgumentException("a rejected event must come before index " + index + ", was " + i);
            }
        });
        this.index = index;
        this.rejected = new TreeMap<>(rejected);
    }

    /** Every event of a batch of {@code size} applied, except the rejected ones. */
    public static BatchEventFailure rejected(int size, Map<Integer, ? extends Throwable> rejected) {
        return new BatchEventFailure(size, null, rejected);
    }

    public int index() {
        return index;
    }

    /** Events before {@link #index()} rejected for good, by index, in order. */
    public SortedMap<Integer, Throwable> rejected() {
        return rejected;
    }
}
