package io.mooring.runtime.consumer;

import io.mooring.events.ReceivedEvent;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Where a subscription hands decoded events: a one-at-a-time or a batch handler. */
interface EventSink {

    /** Applies the events in order; on failure says which event failed, the ones before it being applied. */
    void apply(List<ReceivedEvent> events) throws Failure;

    static EventSink of(EventHandler handler) {
        return events -> {
            for (int i = 0; i < events.size(); i++) {
                try {
                    handler.handle(events.get(i));
                } catch (Exception e) {
                    throw new Failure(i, e);
                }
            }
        };
    }

    static EventSink of(BatchEventHandler handler) {
        return events -> {
            try {
                handler.handle(List.copyOf(events));
            } catch (BatchEventFailure e) {
                throw new Failure(e.index(), e.getCause() == null ? e : e.getCause(), e.rejected());
            } catch (Exception e) {
                throw new Failure(0, e);
            }
        };
    }

    /**
     * The event at {@code index} failed with the cause (an index past the last event: none failed);
     * the ones before it were applied, except those rejected for good.
     */
    final class Failure extends Exception {
        private final int index;
        private final SortedMap<Integer, Throwable> rejected;

        Failure(int index, Throwable cause) {
            this(index, cause, new TreeMap<>());
        }

        Failure(int index, Throwable cause, SortedMap<Integer, Throwable> rejected) {
            super(cause);
            this.index = index;
            this.rejected = rejected;
        }

        int index() {
            return index;
        }

        SortedMap<Integer, Throwable> rejected() {
            return rejected;
        }
    }
}
