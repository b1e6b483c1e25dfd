package io.mooring.events;

/**
 * The payload of a platform event. Implementations are records annotated with {@link EventType}
 * that validate in their constructor.
 */
public interface MooringEvent {

    /**
     * The aggregate this event is about: the CloudEvents {@code subject} and the Kafka record key,
     * so that events of one aggregate stay ordered.
     */
    String subject();
}
