package io.mooring.search.indexing;

import io.mooring.events.ReceivedEvent;
import io.mooring.runtime.consumer.BatchEventFailure;
import io.mooring.runtime.consumer.BatchEventHandler;
import io.mooring.runtime.consumer.PermanentEventFailure;
import io.mooring.runtime.consumer.TransientEventFailure;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The indexing engine as the runtime's consumer sees it: the records of one partition from one poll
 * (at most {@code batch-count} records and {@code batch-bytes}, the broker waiting up to
 * {@code linger} to fill it) become operations sent by {@link BulkIndexer}. With
 * {@code partitions-in-parallel}, batches of different partitions are handled at once; a partition is read no further until its batch is settled, so
 * memory stays bounded (a batch per partition) whatever the lag, and each partition's events are
 * written in order. Its offsets
 * are committed only when every event is stored, superseded or dead-lettered: events OpenSearch
 * rejects for good go to {@code <topic>.dlq} with the reason; from the first event still failing
 * after {@code retry-for}, the partition is paused and read again, by the consumer's backoff.
 */
public abstract class BulkEventHandler implements BatchEventHandler {
    private final BulkIndexer indexer;
    private final IndexingSettings settings;

    protected BulkEventHandler(BulkIndexer indexer, IndexingSettings settings) {
        this.indexer = indexer;
        this.settings = settings;
    }

    /** Whether the indices are set up to be written. */
    protected abstract boolean ready();

    /**
     * Readies what the batch's operations need (e.g. the indices they write); a failure leaves the
     * whole batch to be read again after a backoff.
     */
    protected void prepare(List<ReceivedEvent> events) throws Exception {
    }

    /**
     * The operations that store the event; none for an event this pipeline skips. A runtime
     * exception means the event can never be stored: it is dead-lettered.
     */
    protected abstract List<BulkIndexer.Item> operations(ReceivedEvent event);

    /**
     * Operations that each stand for several events of the batch (e.g. one update of a document many of them
     * change), by the position of the earliest event each comes from: sent after that event's own operations and
     * counted as its, so if one is not stored the batch is read again from that event, which includes every later
     * one it stands for (if refused for good, that event is dead-lettered). {@code events} are those whose own
     * operations were made, by position. None by default.
     */
    protected Map<Integer, List<BulkIndexer.Item>> combinedOperations(SortedMap<Integer, ReceivedEvent> events) {
        return Map.of();
    }

    /**
     * Applies an event that is not a bulk operation (e.g. an update by query over the documents of earlier events),
     * once the operations of every event before it in the batch are stored; nothing by default. A failure is
     * classified as any handler failure: the batch is read again from this event, or the event is dead-lettered if
     * the failure is for good.
     */
    protected void applyAfterEarlier(ReceivedEvent event) throws Exception {
    }

    @Override
    public Map<String, Object> consumerProperties() {
        return Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.getBatchCount(),
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, settings.getBatchBytes(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, settings.getBatchBytes(),
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, settings.getBatchBytes(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) settings.getLinger().toMillis());
    }

    @Override
    public boolean partitionsInParallel() {
        return settings.isPartitionsInParallel();
    }

    @Override
    public void handle(List<ReceivedEvent> events) throws Exception {
        if (!ready()) {
            throw new TransientEventFailure("the indices are not set up yet");
        }
        try {
            prepare(events);
        } catch (Exception e) {
            throw new TransientEventFailure("cannot prepare the indices: " + e, e);
        }
        Map<Integer, List<BulkIndexer.Item>> own = new TreeMap<>();
        SortedMap<Integer, ReceivedEvent> made = new TreeMap<>();
        Map<Integer, Throwable> rejected = new TreeMap<>();
        for (int e = 0; e < events.size(); e++) {
            ReceivedEvent event = events.get(e);
            try {
                own.put(e, operations(event));
                made.put(e, event);
            } catch (RuntimeException failure) {
                // documents are made deterministically: retrying would fail the same way
                rejected.put(e, new PermanentEventFailure("cannot make a document of event " + event.id() + ": " + failure, failure));
            }
        }
        Map<Integer, List<BulkIndexer.Item>> combined = combinedOperations(made);
        // in event order, so the first failing operation is of the first event not stored
        List<BulkIndexer.Item> items = new ArrayList<>();
        List<Integer> eventOf = new ArrayList<>();
        own.forEach((e, operations) -> {
            for (BulkIndexer.Item item : operations) {
                items.add(item);
                eventOf.add(e);
            }
            for (BulkIndexer.Item item : combined.getOrDefault(e, List.of())) {
                items.add(item);
                eventOf.add(e);
            }
        });
        BulkIndexer.Outcome outcome = indexer.index(items);
        outcome.rejected().forEach((i, reason) -> rejected.putIfAbsent(eventOf.get(i),
                new PermanentEventFailure("OpenSearch refused the document of event " + events.get(eventOf.get(i)).id() + ": " + reason)));
        int firstEvent = outcome.failing().isEmpty() ? events.size() : eventOf.get(outcome.failing().firstKey());
        for (Map.Entry<Integer, ReceivedEvent> event : made.headMap(firstEvent).entrySet()) {
            try {
                applyAfterEarlier(event.getValue());
            } catch (Exception failure) {
                throw new BatchEventFailure(event.getKey(), failure, new TreeMap<>(rejected).headMap(event.getKey()));
            }
        }
        if (outcome.failing().isEmpty()) {
            if (!rejected.isEmpty()) {
                throw BatchEventFailure.rejected(events.size(), rejected);
            }
            return;
        }
        int first = outcome.failing().firstKey();
        Map<Integer, Throwable> before = new TreeMap<>(rejected).headMap(firstEvent);
        throw new BatchEventFailure(firstEvent, new TransientEventFailure("OpenSearch did not store event "
                + events.get(firstEvent).id() + " (" + outcome.failing().size() + " operations failing): "
                + outcome.failing().get(first)), before);
    }
}
