package io.mooring.runtime.consumer;

import io.mooring.events.ReceivedEvent;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler for the consumer tests that handles one event type only ({@link #TYPE}). */
@Singleton
class TypedRecordingHandler implements EventHandler {
    static final String TOPIC = "mooring.test.typed";
    static final String TYPE = "mooring.provisioning.account.ready.v1";

    final List<ReceivedEvent> applied = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "typed";
    }

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public Set<String> types() {
        return Set.of(TYPE);
    }

    @Override
    public void handle(ReceivedEvent event) {
        applied.add(event);
    }
}
