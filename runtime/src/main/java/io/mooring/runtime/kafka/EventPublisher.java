package io.mooring.runtime.kafka;

import io.micronaut.context.annotation.Value;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes one event straight to Kafka and waits for the brokers' acknowledgement ({@code acks=all}), for a service
 * that answers a request only once what it asked for is durably on Kafka and keeps no database of its own (signed
 * webhooks, chat commands). A service with a database writes through its outbox instead.
 *
 * <p>Within {@code mooring.kafka.publish-timeout} (5 s) the event is acknowledged or {@link KafkaUnavailableException}
 * is thrown; the caller then answers 503 and its client retries. An event that timed out may still arrive later, so
 * events published here carry ids derived from what they say, and consumers drop a second copy by id.
 */
@Singleton
public class EventPublisher {
    private final KafkaClients clients;
    private final TopicProvisioner topics;
    private final EventCodec codec;
    private final Duration timeout;
    private volatile KafkaProducer<String, byte[]> producer;

    public EventPublisher(KafkaClients clients, TopicProvisioner topics, EventCodec codec,
                          @Value("${mooring.kafka.publish-timeout:5s}") Duration timeout) {
        this.clients = clients;
        this.topics = topics;
        this.codec = codec;
        this.timeout = timeout;
    }

    /** Sends {@code event} to its topic (created if missing) and returns once the brokers have it. */
    public void publish(EventEnvelope event) throws KafkaUnavailableException {
        publish(List.of(event));
    }

    /**
     * Sends {@code events} (each to its topic, created if missing) and returns once the brokers have every one; when
     * this throws, some of them may be written, and sending them all again is harmless given their ids.
     */
    public void publish(List<EventEnvelope> events) throws KafkaUnavailableException {
        if (events.isEmpty()) {
            return;
        }
        topics.ensure(events.stream().map(EventEnvelope::topic).distinct().toList());
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        String what = events.size() == 1 ? events.getFirst().type() + " " + events.getFirst().id() : events.size() + " events";
        try {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (EventEnvelope event : events) {
                sent.add(producer().send(codec.toRecord(event)));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while publishing " + what, e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new KafkaUnavailableException("kafka did not acknowledge " + what + " within " + timeout.toSeconds()
                    + " s", e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    int millis = (int) Math.max(1_000, timeout.toMillis());
                    current = clients.producer("publisher", Map.of(
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, millis,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                            ProducerConfig.LINGER_MS_CONFIG, 0,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis));
                    producer = current;
                }
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        KafkaProducer<String, byte[]> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
