package io.mooring.runtime.consumer;

import io.mooring.events.ReceivedEvent;
import jakarta.inject.Singleton;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A handler for the consumer tests, driven by the event's subject: {@code flaky-} fails twice
 * (store unavailable) before it applies, {@code poison-} fails permanently, {@code bug-} throws a
 * bug-like exception every time, {@code stall-} fails transiently until {@link #release()}.
 */
@Singleton
class RecordingHandler implements EventHandler {
    static final String TOPIC = "mooring.test.subscription";

    final List<ReceivedEvent> applied = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<UUID, Integer> attempts = new ConcurrentHashMap<>();
    private volatile boolean stalling = true;

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
        String subject = event.subject();
        if (subject.startsWith("poison-")) {
            throw new PermanentEventFailure("subject " + subject + " can never be applied");
        }
        if (subject.startsWith("flaky-") && attempt <= 2) {
            throw new SQLTransientConnectionException("store unavailable (attempt " + attempt + ")");
        }
        if (subject.startsWith("bug-")) {
            throw new IllegalStateException("a bug met " + subject);
        }
        if (subject.startsWith("stall-") && stalling) {
            throw new SQLTransientConnectionException("store unavailable");
        }
        applied.add(event);
    }

    int attempts(UUID id) {
        return attempts.getOrDefault(id, 0);
    }

    void release() {
        stalling = false;
    }
}
