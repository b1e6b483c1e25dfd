package io.mooring.backup;

import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Plain Kafka clients for tests: produce as another service would, read topics from the beginning. */
public final class KafkaTopics implements AutoCloseable {
    private final String bootstrap;
    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    public KafkaTopics(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    /** Creates the topic as its producing service would; fine if it exists. */
    public void create(String topic) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** The record another service would publish for {@code data}. */
    public ProducerRecord<String, byte[]> record(String source, MooringEvent data) {
        return codec.toRecord(EventEnvelope.of(source, data, Clock.systemUTC()));
    }

    public RecordMetadata send(ProducerRecord<String, byte[]> record) throws Exception {
        return producer.send(record).get(20, TimeUnit.SECONDS);
    }

    /** The offset the consumer group will read next on the record's partition; -1 if it has committed nothing. */
    public long committed(String group, RecordMetadata record) throws Exception {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS).get(partition);
        return offset == null ? -1 : offset.offset();
    }

    public EventCodec codec() {
        return codec;
    }

    /** A reader of every record on {@code topic}, from the beginning. */
    public Reader reader(String topic) {
        return new Reader(topic);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    /** Reads a topic with manual assignment (no consumer group), accumulating what it has seen. */
    public final class Reader implements AutoCloseable {
        private final String topic;
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        private Reader(String topic) {
            this.topic = topic;
            this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                    "enable.auto.commit", false, "allow.auto.create.topics", false),
                    new StringDeserializer(), new ByteArrayDeserializer());
        }

        /** Everything on the topic up to its current end; empty while the topic does not exist. */
        public List<ConsumerRecord<String, byte[]>> readToEnd() {
            if (consumer.assignment().isEmpty()) {
                var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (partitions == null || partitions.isEmpty()) {
                    return List.of();
                }
                consumer.assign(partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList());
                consumer.seekToBeginning(consumer.assignment());
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(5));
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
