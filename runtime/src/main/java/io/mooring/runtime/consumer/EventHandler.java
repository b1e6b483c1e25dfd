package io.mooring.runtime.consumer;

import io.mooring.events.ReceivedEvent;

import java.util.Set;

/**
 * Applies events from Kafka. Each handler bean gets its own consumer group
 * ({@code <service>.<name>}) and thread.
 *
 * <p>Contract: {@link #handle} may see an event twice (after a crash or rebalance) and must be
 * idempotent; it also receives events of types this version does not know ({@code data} empty),
 * which it should skip unless it stores events generically. Throwing
 * {@link PermanentEventFailure} sends the message to the dead-letter topic; any other exception
 * is treated as transient: the same event is retried with backoff, and nothing after it on that
 * partition is applied first.
 */
public interface EventHandler {

    /** Stable name, part of the consumer group id. */
    String name();

    Set<String> topics();

    void handle(ReceivedEvent event) throws Exception;
}
