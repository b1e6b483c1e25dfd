package io.mooring.runtime.consumer;

import io.mooring.events.ReceivedEvent;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A handler for the consumer tests: subjects starting with {@code flaky-} fail twice before they
 * apply, {@code poison-} fail permanently.
 */
@Singleton
class RecordingHandler implements EventHandler {
    static final String TOPIC = "mooring.test.subscription";

    final List<ReceivedEvent> applied = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<UUID, Integer> attempts = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public void handle(ReceivedEvent event) throws Exception {
        int attempt = attempts.merge(event.id(), 1, Integer::sum);
        if (event.subject().startsWith("poison-")) {
            throw new PermanentEventFailure("subject " + event.subject() + " can never be applied");
        }
        if (event.subject().startsWith("flaky-") && attempt <= 2) {
            throw new IllegalStateException("store unavailable (attempt " + attempt + ")");
        }
        applied.add(event);
    }

    int attempts(UUID id) {
        return attempts.getOrDefault(id, 0);
    }
}
