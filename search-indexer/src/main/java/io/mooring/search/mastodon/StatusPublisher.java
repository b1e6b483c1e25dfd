package io.mooring.search.mastodon;

import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.KafkaUnavailableException;
import io.mooring.runtime.kafka.TopicProvisioner;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes status events to {@code mooring.content.statuses} and returns only once the broker has
 * acknowledged every one ({@code acks=all}, idempotent producer): a webhook answers 2xx only for events
 * that are durably written, so Mastodon's retries cover any outage.
 */
@Singleton
public class StatusPublisher implements AutoCloseable {
    private final KafkaClients clients;
    private final TopicProvisioner topics;
    private final Duration timeout;
    private final EventCodec codec = new EventCodec();
    private KafkaProducer<String, byte[]> producer;

    public StatusPublisher(KafkaClients clients, TopicProvisioner topics, MastodonSettings settings) {
        this.clients = clients;
        this.topics = topics;
        this.timeout = settings.getSendTimeout();
    }

    /**
     * Sends {@code events} and waits for their acknowledgements; {@link KafkaUnavailableException} when
     * the broker cannot be reached or does not acknowledge within the send timeout (retriable: some of
     * them may be written, and sending them again is harmless since their ids and versions are the same).
     */
    public void publish(List<EventEnvelope> events) throws KafkaUnavailableException {
        if (events.isEmpty()) {
            return;
        }
        topics.ensure(Set.of(Topics.CONTENT_STATUSES));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (EventEnvelope event : events) {
                sent.add(producer().send(codec.toRecord(event)));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new KafkaUnavailableException("events not acknowledged by Kafka: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while waiting for Kafka", e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = clients.producer("mastodon-webhooks");
        }
        return producer;
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
