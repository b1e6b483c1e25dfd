package io.mooring.runtime.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.events.EventCodec;
import io.mooring.events.MalformedEventException;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.TopicProvisioner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One consumer thread feeding one {@link EventHandler}. Offsets are committed only after an event
 * is applied or dead-lettered; a transient failure rewinds the partition and retries with backoff.
 */
final class Subscription implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

    private final EventHandler handler;
    private final String group;
    private final KafkaClients clients;
    private final TopicProvisioner topics;
    private final DeadLetters deadLetters;
    private final EventCodec codec;
    private final Counter applied;
    private final Counter deadLettered;
    private final Duration maxBackoff;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    Subscription(EventHandler handler, String group, KafkaClients clients, TopicProvisioner topics,
                 DeadLetters deadLetters, EventCodec codec, MeterRegistry meters) {
        this.handler = handler;
        this.group = group;
        this.clients = clients;
        this.topics = topics;
        this.deadLetters = deadLetters;
        this.codec = codec;
        this.applied = Counter.builder("mooring.events.applied").tag("consumer", group).register(meters);
        this.deadLettered = Counter.builder("mooring.events.dead.lettered").tag("consumer", group).register(meters);
        this.maxBackoff = clients.settings().getRetryBackoffMax();
    }

    @Override
    public void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                topics.ensure(handler.topics().stream().map(Topics::deadLetter).toList());
                break;
            } catch (Exception e) {
                LOG.warn("{}: cannot create dead-letter topics yet: {}", group, e.getMessage());
                backoff = pause(backoff);
            }
        }
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = clients.consumer(group)) {
                consumer = kafka;
                kafka.subscribe(List.copyOf(handler.topics()));
                while (running) {
                    if (!pollOnce(kafka)) {
                        backoff = pause(backoff);
                    } else {
                        backoff = Duration.ofMillis(200);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                LOG.warn("{}: consumer failed: {}; restarting", group, e.toString());
                backoff = pause(backoff);
            } finally {
                consumer = null;
            }
        }
    }

    /** Applies what one poll returned; false when a transient failure asks for a pause. */
    private boolean pollOnce(KafkaConsumer<String, byte[]> kafka) {
        ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
        boolean healthy = true;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!apply(record)) {
                    kafka.seek(partition, record.offset());
                    healthy = false;
                    break;
                }
                kafka.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
            }
        }
        return healthy;
    }

    private boolean apply(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event;
        try {
            event = codec.decode(record);
        } catch (MalformedEventException e) {
            return deadLetter(record, e.getMessage());
        }
        try {
            handler.handle(event);
            applied.increment();
            return true;
        } catch (PermanentEventFailure e) {
            return deadLetter(record, e.getMessage());
        } catch (Exception e) {
            LOG.warn("{}: event {} ({}) failed, will retry: {}", group, event.id(), event.type(), e.toString());
            return false;
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, String error) {
        try {
            deadLetters.send(record, group, error);
            deadLettered.increment();
            LOG.warn("{}: {}-{}@{} dead-lettered: {}", group, record.topic(), record.partition(), record.offset(), error);
            return true;
        } catch (Exception e) {
            LOG.warn("{}: cannot dead-letter {}-{}@{} yet: {}", group, record.topic(), record.partition(), record.offset(), e.toString());
            return false;
        }
    }

    private Duration pause(Duration backoff) {
        synchronized (this) {
            try {
                wait(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(maxBackoff) > 0 ? maxBackoff : next;
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
}
