package io.mooring.runtime.consumer;

import io.mooring.events.ReceivedEvent;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch handler for the consumer tests, with partitions in parallel: applies a batch up to its first
 * {@code poison-} subject, skipping and rejecting {@code rejected-} ones; an {@code again-} subject fails
 * once (transiently); a batch with a {@code meet-} subject waits up to 10 s for another such batch to be
 * handled at the same time.
 */
@Singleton
class RecordingBatchHandler implements BatchEventHandler {
    static final String TOPIC = "mooring.test.batches";

    final List<ReceivedEvent> applied = new CopyOnWriteArrayList<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    /** The most batches handled at once. */
    final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger handling = new AtomicInteger();
    private final CountDownLatch meeting = new CountDownLatch(2);
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return "batches";
    }

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public boolean partitionsInParallel() {
        return true;
    }

    @Override
    public void handle(List<ReceivedEvent> events) throws BatchEventFailure, InterruptedException {
        mostAtOnce.accumulateAndGet(handling.incrementAndGet(), Math::max);
        try {
            if (events.stream().anyMatch(e -> e.subject().startsWith("meet-"))) {
                meeting.countDown();
                meeting.await(10, TimeUnit.SECONDS);
            }
            apply(events);
        } finally {
            handling.decrementAndGet();
        }
    }

    private void apply(List<ReceivedEvent> events) throws BatchEventFailure {
        batchSizes.add(events.size());
        Map<Integer, Throwable> rejected = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).subject().startsWith("poison-")) {
                throw new BatchEventFailure(i, new PermanentEventFailure("subject " + events.get(i).subject() + " refused"),
                        rejected);
            }
            if (events.get(i).subject().startsWith("again-") && failedOnce.add(events.get(i).subject())) {
                throw new BatchEventFailure(i, new TransientEventFailure("subject " + events.get(i).subject() + " not yet"),
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
