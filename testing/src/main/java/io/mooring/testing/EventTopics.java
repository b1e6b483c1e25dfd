package io.mooring.testing;

import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.mooring.stack.Servers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Plain Kafka clients for tests: create topics as their producing service would, send events as
 * another service would (CloudEvents in binary mode), and read what is on a topic.
 */
public final class EventTopics implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    /** On the test JVM's shared broker. */
    public EventTopics() {
        this(Servers.kafka().bootstrapServers());
    }

    public EventTopics(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    /** {@code data} wrapped as produced now by {@code source}. */
    public static EventEnvelope envelope(String source, MooringEvent data) {
        return EventEnvelope.of(source, data, Clock.systemUTC());
    }

    /** Creates the topics with three partitions; an existing topic gains partitions up to that count. */
    public EventTopics create(String... topics) {
        return create(3, topics);
    }

    public EventTopics create(int partitions, String... topics) {
        for (String topic : topics) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create " + topic, e.getCause());
                }
                atLeast(topic, partitions);
            } catch (Exception e) {
                throw new IllegalStateException("cannot create " + topic, e);
            }
        }
        return this;
    }

    private void atLeast(String topic, int partitions) {
        try {
            int now = admin.describeTopics(List.of(topic)).allTopicNames().get(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            if (now < partitions) {
                admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all()
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot give " + topic + " " + partitions + " partitions", e);
        }
    }

    /** The record another service would publish for {@code data}. */
    public ProducerRecord<String, byte[]> record(String source, MooringEvent data) {
        return codec.toRecord(envelope(source, data));
    }

    public RecordMetadata send(EventEnvelope event) {
        return send(codec.toRecord(event));
    }

    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + record.topic(), e);
        }
    }

    /** The offset {@code group} will read next on the record's partition; -1 if it has committed nothing. */
    public long committed(String group, RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS).get(partition);
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + group, e);
        }
    }

    /** Every record on the topic now, oldest first per partition; empty while the topic does not exist. */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        try (TopicReader reader = reader(topic)) {
            return reader.records();
        }
    }

    /** The payloads of the given type on the topic now. */
    public <T extends MooringEvent> List<T> events(String topic, Class<T> type) {
        return records(topic).stream()
                .map(codec::decode)
                .flatMap(event -> event.dataAs(type).stream())
                .toList();
    }

    /** A reader of every record on {@code topic}, from the beginning, that keeps what it has seen. */
    public TopicReader reader(String topic) {
        return new TopicReader(bootstrap, topic);
    }

    public EventCodec codec() {
        return codec;
    }

    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
