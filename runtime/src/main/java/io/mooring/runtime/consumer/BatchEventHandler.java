package io.mooring.runtime.consumer;

import io.mooring.events.ReceivedEvent;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the events of one poll at once, partition by partition (e.g. one bulk request). The
 * contract of {@link EventHandler} holds, with one addition: a handler that applied a prefix of
 * the batch throws {@link BatchEventFailure} with the index of the first event it did not apply;
 * any other exception means that none was applied. Failures are classified, retried and
 * dead-lettered per event, as for {@link EventHandler}, by the same consumer loop.
 */
public interface BatchEventHandler {

    /** Stable name, part of the consumer group id. */
    String name();

    Set<String> topics();

    /**
     * Consumer properties of this handler's Kafka consumer, over the service's own (e.g.
     * {@code max.poll.records}, {@code fetch.min.bytes}, {@code fetch.max.wait.ms}: how large a batch
     * grows and how long the broker waits to fill it). None by default.
     */
    default Map<String, Object> consumerProperties() {
        return Map.of();
    }

    /**
     * Whether batches of different partitions may be handled at once, each on a thread of its own while the
     * consumer reads on: a partition is paused while its batch is handled, so each partition's events still come
     * in offset order, one batch at a time, and its offsets are committed only once its batch is settled.
     * False by default: the partitions of a poll are handled one after the other on the consumer's thread.
     */
    default boolean partitionsInParallel() {
        return false;
    }

    /** The decoded events of one partition from one poll, in offset order; never empty. */
    void handle(List<ReceivedEvent> events) throws Exception;
}
