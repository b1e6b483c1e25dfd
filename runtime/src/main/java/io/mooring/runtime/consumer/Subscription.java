package io.mooring.runtime.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.mooring.events.EventCodec;
import io.mooring.events.MalformedEventException;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.TopicProvisioner;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.ExponentialBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One consumer thread feeding one handler. A failing record pauses only its partition for a
 * backoff and is retried from its offset; the other partitions keep flowing. Offsets of applied
 * or dead-lettered records are committed asynchronously once per poll, and synchronously when
 * partitions are revoked and when the consumer closes. With partitions in parallel, each partition's
 * batch is handled on a thread of its own while its partition is paused, and settled (offsets,
 * retries, dead letters) on the consumer's thread once handled.
 */
final class Subscription implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How often the consumer looks for handled batches while some are in flight. */
    private static final Duration IN_FLIGHT_POLL = Duration.ofMillis(5);

    private final String group;
    private final Set<String> topics;
    private final EventSink sink;
    private final Map<String, Object> consumerProperties;
    private final Collaborators with;
    private final ConsumerSettings settings;
    private final PartitionRetries retries;
    private final Counter applied;
    private final Counter deadLettered;
    private final Counter retried;
    /** Next offset to read per partition, applied but maybe not committed yet. */
    private final Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    /** Batches being handled, by partition (paused meanwhile); empty unless partitions go in parallel. */
    private final Map<TopicPartition, Ahead> inFlight = new HashMap<>();
    private final ExecutorService workers;
    private final Set<String> types;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /** What every subscription of a service shares. */
    record Collaborators(KafkaClients clients, TopicProvisioner topics, DeadLetters deadLetters, EventCodec codec,
                         ErrorClassifier classifier, ConsumerSettings settings, MeterRegistry meters) {
    }

    Subscription(String group, Set<String> topics, EventSink sink, Collaborators with) {
        this(group, topics, sink, Map.of(), false, Set.of(), with);
    }

    /** With {@code types} not empty, records of other types (by their {@code ce_type} header) are passed over undecoded. */
    Subscription(String group, Set<String> topics, EventSink sink, Map<String, Object> consumerProperties,
                 boolean partitionsInParallel, Set<String> types, Collaborators with) {
        this.types = Set.copyOf(types);
        this.workers = partitionsInParallel
                ? Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name(group + "-batch-", 0).factory())
                : null;
        this.consumerProperties = Map.copyOf(consumerProperties);
        this.group = group;
        this.topics = Set.copyOf(topics);
        this.sink = sink;
        this.with = with;
        this.settings = with.settings();
        this.retries = new PartitionRetries(group, settings, with.meters());
        this.applied = Counter.builder("mooring.events.applied").tag("consumer", group).register(with.meters());
        this.deadLettered = Counter.builder("mooring.events.dead.lettered").tag("consumer", group).register(with.meters());
        this.retried = Counter.builder("mooring.events.retried").tag("consumer", group)
                .description("Failed attempts at a record that will be retried").register(with.meters());
    }

    String group() {
        return group;
    }

    PartitionRetries retries() {
        return retries;
    }

    @Override
    public void run() {
        ExponentialBackoff backoff = new ExponentialBackoff(200, 2, settings.getBackoffMax().toMillis(), 0.2);
        int failures = 0;
        while (running) {
            try {
                // its topics too: a topic no producer has written yet would otherwise be polled as unknown, warned
                // about by the client every poll
                List<String> needed = new java.util.ArrayList<>(topics);
                topics.stream().map(Topics::deadLetter).forEach(needed::add);
                with.topics().ensure(needed);
                break;
            } catch (Exception e) {
                LOG.warn("{}: cannot create its topics and their dead-letter topics yet: {}", group, e.getMessage());
                waitFor(Duration.ofMillis(backoff.backoff(failures++)));
            }
        }
        failures = 0;
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = with.clients().consumer(group, consumerProperties);
                 KafkaClientMetrics metrics = new KafkaClientMetrics(kafka, Tags.of("consumer", group))) {
                metrics.bindTo(with.meters());
                consumer = kafka;
                kafka.subscribe(List.copyOf(topics), new CommitOnRevoke(kafka));
                try {
                    while (running) {
                        pollOnce(kafka);
                        failures = 0;
                    }
                } catch (WakeupException e) {
                    // stopping
                } finally {
                    settleInFlight(kafka);
                    commitSync(kafka, new HashMap<>(positions));
                    positions.clear();
                    uncommitted.clear();
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: consumer failed: {}; restarting", group, e.toString());
                waitFor(Duration.ofMillis(backoff.backoff(failures++)));
            } finally {
                consumer = null;
            }
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    private void pollOnce(KafkaConsumer<String, byte[]> kafka) {
        settleHandled(kafka);
        List<TopicPartition> due = retries.resumeDue().stream().filter(kafka.assignment()::contains).toList();
        if (!due.isEmpty()) {
            kafka.resume(due);
        }
        Duration wait = retries.untilNextResume(inFlight.isEmpty() ? POLL : IN_FLIGHT_POLL);
        ConsumerRecords<String, byte[]> records = kafka.poll(wait);
        for (TopicPartition partition : records.partitions()) {
            if (workers == null) {
                apply(kafka, partition, records.records(partition), null);
            } else {
                handleAhead(kafka, partition, records.records(partition));
            }
        }
        if (!uncommitted.isEmpty()) {
            kafka.commitAsync(Map.copyOf(uncommitted), (offsets, e) -> {
                if (e != null) {
                    LOG.debug("{}: commit of {} failed, the next one covers it: {}", group, offsets, e.toString());
                }
            });
            uncommitted.clear();
        }
    }

    /**
     * The records before the first one that cannot be read, handed to the sink on a worker thread; the
     * partition is paused until they are settled by {@link #settleHandled}.
     */
    private record Ahead(List<ConsumerRecord<String, byte[]>> all, List<ConsumerRecord<String, byte[]>> records,
                         List<ReceivedEvent> events, Future<EventSink.Failure> outcome) {
    }

    private void handleAhead(KafkaConsumer<String, byte[]> kafka, TopicPartition partition,
                             List<ConsumerRecord<String, byte[]>> records) {
        List<ConsumerRecord<String, byte[]>> segment = new ArrayList<>();
        List<ReceivedEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(with.codec().decode(record));
                segment.add(record);
            } catch (MalformedEventException e) {
                break;
            }
        }
        if (events.isEmpty()) {
            apply(kafka, partition, records, null);
            return;
        }
        Future<EventSink.Failure> outcome = workers.submit(() -> {
            try {
                sink.apply(events);
                return null;
            } catch (EventSink.Failure failure) {
                return failure;
            }
        });
        kafka.pause(List.of(partition));
        inFlight.put(partition, new Ahead(records, segment, events, outcome));
    }

    /** Settles the batches handled by now, and resumes their partitions unless one waits for a retry. */
    private void settleHandled(KafkaConsumer<String, byte[]> kafka) {
        if (inFlight.isEmpty()) {
            return;
        }
        for (TopicPartition partition : List.copyOf(inFlight.keySet())) {
            if (inFlight.get(partition).outcome().isDone()) {
                settle(kafka, partition);
            }
        }
    }

    /** Waits for every batch in flight and settles it (stopping). */
    private void settleInFlight(KafkaConsumer<String, byte[]> kafka) {
        for (TopicPartition partition : List.copyOf(inFlight.keySet())) {
            try {
                settle(kafka, partition);
            } catch (RuntimeException e) {
                LOG.warn("{}: cannot settle the batch of {}: {}; it will be read again", group, partition, e.toString());
            }
        }
        inFlight.clear();
    }

    private void settle(KafkaConsumer<String, byte[]> kafka, TopicPartition partition) {
        Ahead ahead = inFlight.remove(partition);
        apply(kafka, partition, ahead.all(), ahead);
        if (!retries.paused(partition)) {
            kafka.resume(List.of(partition));
        }
    }

    /** Waits for the batches of partitions given up (lost: their outcome no longer counts). */
    private void awaitInFlight(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            Ahead ahead = inFlight.remove(partition);
            if (ahead != null) {
                outcome(ahead.outcome());
            }
        }
    }

    private static EventSink.Failure outcome(Future<EventSink.Failure> outcome) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return outcome.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return new EventSink.Failure(0, e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Applies one partition's records in order; stops at a failure, which decides what comes next.
     * With {@code ahead}, its first records were handled already, with that outcome.
     */
    private void apply(KafkaConsumer<String, byte[]> kafka, TopicPartition partition, List<ConsumerRecord<String, byte[]>> records,
                       Ahead ahead) {
        List<ConsumerRecord<String, byte[]>> segment = new ArrayList<>();
        List<ReceivedEvent> events = new ArrayList<>();
        int from = 0;
        if (ahead != null) {
            if (!applySegment(kafka, partition, ahead.records(), ahead.events(), ahead.outcome())) {
                return;
            }
            from = ahead.records().size();
        }
        // a record passed over after the events gathered: its offset is passed once they are applied
        ConsumerRecord<String, byte[]> passedOver = null;
        for (ConsumerRecord<String, byte[]> record : records.subList(from, records.size())) {
            if (notHandled(record)) {
                if (segment.isEmpty()) {
                    passed(partition, record, 0);
                } else {
                    passedOver = record;
                }
                continue;
            }
            passedOver = null;
            try {
                events.add(with.codec().decode(record));
                segment.add(record);
            } catch (MalformedEventException e) {
                if (!applySegment(kafka, partition, segment, events, null)) {
                    return;
                }
                segment.clear();
                events.clear();
                if (!fail(kafka, partition, record, e)) {
                    return;
                }
            }
        }
        if (applySegment(kafka, partition, segment, events, null) && passedOver != null) {
            passed(partition, passedOver, 0);
        }
    }

    /** Whether the record's {@code ce_type} header names a type the sink does not handle. */
    private boolean notHandled(ConsumerRecord<String, byte[]> record) {
        if (types.isEmpty()) {
            return false;
        }
        org.apache.kafka.common.header.Header type = record.headers().lastHeader("ce_type");
        return type != null && !types.contains(new String(type.value(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Applies the events, or takes the {@code handled} outcome of applying them; false when the partition stops there. */
    private boolean applySegment(KafkaConsumer<String, byte[]> kafka, TopicPartition partition,
                                 List<ConsumerRecord<String, byte[]>> records, List<ReceivedEvent> events,
                                 Future<EventSink.Failure> handled) {
        if (events.isEmpty()) {
            return true;
        }
        try {
            if (handled == null) {
                sink.apply(events);
            } else {
                EventSink.Failure failure = outcome(handled);
                if (failure != null) {
                    throw failure;
                }
            }
            passed(partition, records.getLast(), events.size());
            return true;
        } catch (EventSink.Failure failure) {
            int settled = 0;
            for (Map.Entry<Integer, Throwable> rejected : failure.rejected().entrySet()) {
                int at = rejected.getKey();
                if (at >= events.size()) {
                    break;
                }
                if (at > settled) {
                    passed(partition, records.get(at - 1), at - settled);
                }
                ConsumerRecord<String, byte[]> record = records.get(at);
                if (!deadLetter(record, rejected.getValue(), 1)) {
                    // the dead-letter topic cannot be written: hold the partition on this record
                    retries.failed(partition, record.offset(), rejected.getValue());
                    retried.increment();
                    kafka.seek(partition, record.offset());
                    kafka.pause(List.of(partition));
                    return false;
                }
                passed(partition, record, 0);
                settled = at + 1;
            }
            if (failure.index() >= events.size()) {
                if (settled < events.size()) {
                    passed(partition, records.getLast(), events.size() - settled);
                }
                return true;
            }
            int index = failure.index();
            if (index > settled) {
                passed(partition, records.get(index - 1), index - settled);
            }
            ConsumerRecord<String, byte[]> record = records.get(index);
            LOG.debug("{}: event {} ({}) failed", group, events.get(index).id(), events.get(index).type(), failure.getCause());
            if (fail(kafka, partition, record, failure.getCause())) {
                // dead-lettered: read on after it, the rest of this poll was not applied
                kafka.seek(partition, record.offset() + 1);
            }
            return false;
        }
    }

    /**
     * Retries the record later (its partition paused for a backoff) or dead-letters it. True when
     * the partition may go on with the records after it in this poll.
     */
    private boolean fail(KafkaConsumer<String, byte[]> kafka, TopicPartition partition, ConsumerRecord<String, byte[]> record,
                         Throwable error) {
        FailureKind kind = with.classifier().classify(error);
        PartitionRetries.Failing failing = retries.failed(partition, record.offset(), error);
        boolean giveUp = kind == FailureKind.PERMANENT
                || kind == FailureKind.UNEXPECTED && failing.attempts() >= settings.getMaxAttempts();
        if (giveUp && deadLetter(record, error, failing.attempts())) {
            passed(partition, record, 0);
            return true;
        }
        retried.increment();
        LOG.warn("{}: {}-{}@{} failed ({}, attempt {}), retrying in a while: {}", group, partition.topic(),
                partition.partition(), record.offset(), kind, failing.attempts(), error.toString());
        kafka.seek(partition, record.offset());
        kafka.pause(List.of(partition));
        return false;
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, Throwable error, int attempts) {
        try {
            with.deadLetters().send(record, group, error, attempts);
            deadLettered.increment();
            LOG.warn("{}: {}-{}@{} dead-lettered after {} attempt(s): {}", group, record.topic(), record.partition(),
                    record.offset(), attempts, error.toString());
            return true;
        } catch (Exception e) {
            LOG.warn("{}: cannot dead-letter {}-{}@{} yet: {}", group, record.topic(), record.partition(), record.offset(), e.toString());
            return false;
        }
    }

    private void passed(TopicPartition partition, ConsumerRecord<String, byte[]> record, int appliedEvents) {
        OffsetAndMetadata next = new OffsetAndMetadata(record.offset() + 1);
        positions.put(partition, next);
        uncommitted.put(partition, next);
        retries.passed(partition);
        applied.increment(appliedEvents);
    }

    private void commitSync(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            kafka.commitSync(offsets, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot commit {}: {}; those records will be applied again", group, offsets, e.toString());
        }
    }

    private void waitFor(Duration pause) {
        synchronized (this) {
            try {
                if (running) {
                    wait(Math.max(1, pause.toMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    void stop() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Commits what was applied on partitions this member gives up, before another member takes them. */
    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> kafka;

        CommitOnRevoke(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                if (inFlight.containsKey(partition)) {
                    settle(kafka, partition);
                }
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            partitions.forEach(p -> {
                if (positions.containsKey(p)) {
                    offsets.put(p, positions.get(p));
                }
            });
            commitSync(kafka, offsets);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            awaitInFlight(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            retries.track(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> {
                positions.remove(p);
                uncommitted.remove(p);
            });
            retries.forget(partitions);
        }
    }
}
