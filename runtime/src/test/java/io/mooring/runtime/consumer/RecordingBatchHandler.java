package io.mooring.runtime.consumer;

import io.mooring.events.ReceivedEvent;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A batch handler for the consumer tests: applies a batch up to its first {@code poison-} subject,
 * skipping and rejecting {@code rejected-} ones.
 */
@Singleton
class RecordingBatchHandler implements BatchEventHandler {
    static final String TOPIC = "mooring.test.batches";

    final List<ReceivedEvent> applied = new CopyOnWriteArrayList<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "batches";
    }

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public void handle(List<ReceivedEvent> events) throws BatchEventFailure {
        batchSizes.add(events.size());
        Map<Integer, Throwable> rejected = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).subject().startsWith("poison-")) {
                throw new BatchEventFailure(i, new PermanentEventFailure("subject " + events.get(i).subject() + " refused"),
                        rejected);
            }
            if (events.get(i).subject().startsWith("rejected-")) {
                rejected.put(i, new PermanentEventFailure("subject " + events.get(i).subject() + " rejected"));
                continue;
            }
            applied.add(events.get(i));
        }
        if (!rejected.isEmpty()) {
            throw BatchEventFailure.rejected(events.size(), rejected);
        }
    }
}
