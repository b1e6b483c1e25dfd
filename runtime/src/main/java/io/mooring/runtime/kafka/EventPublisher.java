package io.mooring.runtime.kafka;

import io.micronaut.context.annotation.Value;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
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
        topics.ensure(List.of(event.topic()));
        try {
            producer().send(codec.toRecord(event)).get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while publishing " + event.type(), e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new KafkaUnavailableException("kafka did not acknowledge " + event.type() + " " + event.id()
                    + " within " + timeout.toSeconds() + " s", e instanceof ExecutionException ? e.getCause() : e);
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
