package io.mooring.runtime.consumer;

import io.mooring.events.ReceivedEvent;

import java.util.List;

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
                throw new Failure(e.index(), e.getCause() == null ? e : e.getCause());
            } catch (Exception e) {
                throw new Failure(0, e);
            }
        };
    }

    /** The event at {@code index} failed with the cause. */
    final class Failure extends Exception {
        private final int index;

        Failure(int index, Throwable cause) {
            super(cause);
            this.index = index;
        }

        int index() {
            return index;
        }
    }
}
