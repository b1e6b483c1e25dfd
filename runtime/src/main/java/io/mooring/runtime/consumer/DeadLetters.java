package io.mooring.runtime.consumer;

import io.mooring.events.Topics;
import io.mooring.runtime.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends messages that cannot be applied to {@code <topic>.dlq}, unchanged, with the reason and
 * provenance in headers: {@code mooring.dlq.error} (the message), {@code .exception} (its class),
 * {@code .attempts}, {@code .topic}, {@code .partition}, {@code .offset} and {@code .consumer}
 * (the consumer group).
 */
@Singleton
public class DeadLetters {
    public static final String ERROR_HEADER = Topics.DLQ_ERROR_HEADER;
    public static final String EXCEPTION_HEADER = "mooring.dlq.exception";
    public static final String ATTEMPTS_HEADER = "mooring.dlq.attempts";

    private final KafkaClients clients;
    private KafkaProducer<String, byte[]> producer;

    public DeadLetters(KafkaClients clients) {
        this.clients = clients;
    }

    /** Blocks until the broker acknowledges; throws if it does not, so the caller retries. */
    public synchronized void send(ConsumerRecord<String, byte[]> record, String consumer, Throwable error, int attempts)
            throws Exception {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(ERROR_HEADER, bytes(error.getMessage() == null ? error.toString() : error.getMessage()));
        headers.add(EXCEPTION_HEADER, bytes(error.getClass().getName()));
        headers.add(ATTEMPTS_HEADER, bytes(Integer.toString(attempts)));
        headers.add(Topics.DLQ_TOPIC_HEADER, bytes(record.topic()));
        headers.add(Topics.DLQ_PARTITION_HEADER, bytes(Integer.toString(record.partition())));
        headers.add(Topics.DLQ_OFFSET_HEADER, bytes(Long.toString(record.offset())));
        headers.add(Topics.DLQ_CONSUMER_HEADER, bytes(consumer));
        try {
            producer().send(new ProducerRecord<>(Topics.deadLetter(record.topic()), null, record.key(), record.value(), headers))
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = clients.producer("dlq");
        }
        return producer;
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }

    @PreDestroy
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(1));
            producer = null;
        }
    }
}
