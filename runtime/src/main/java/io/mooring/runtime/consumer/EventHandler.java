package io.mooring.runtime.consumer;

import io.mooring.events.ReceivedEvent;

import java.util.Set;

/**
 * Applies events from Kafka one at a time. Each handler bean gets its own consumer group
 * ({@code <service>.<name>}) and thread; see {@link BatchEventHandler} for whole poll batches.
 *
 * <p>Contract: {@link #handle} may see an event twice (after a crash or rebalance) and must be
 * idempotent; it also receives events of types this version does not know ({@code data} empty),
 * which it should skip unless it stores events generically. What a thrown exception leads to is
 * decided once, by {@link ErrorClassifier}: a transient failure (store, network, broker,
 * {@link TransientEventFailure}) pauses that partition and retries the event with backoff, without
 * limit; {@link PermanentEventFailure} sends it to {@code <topic>.dlq} at once; anything else is
 * retried up to {@code mooring.consumer.max-attempts} times, then dead-lettered. Nothing after a
 * failing event on its partition is applied before it; other partitions keep flowing.
 */
public interface EventHandler {

    /** Stable name, part of the consumer group id. */
    String name();

    Set<String> topics();

    void handle(ReceivedEvent event) throws Exception;

    /**
     * The CloudEvent types it handles: records of other types, told by their {@code ce_type} header, are passed over
     * without being decoded (their offsets advance as if handled). Empty, the default: every type is handed to it.
     */
    default Set<String> types() {
        return Set.of();
    }
}
