package io.mooring.runtime.kafka;

import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds Kafka clients with the platform's settings: idempotent producers, manual commits, and the
 * connection security of {@link KafkaSecurity} on every producer, consumer and admin client.
 */
@Singleton
public class KafkaClients {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);
    private final KafkaSettings settings;
    private final KafkaSecurity security;

    public KafkaClients(KafkaSettings settings) {
        this.settings = settings;
        this.security = KafkaSecurity.from(settings);
        LOG.info("kafka {}: {}", settings.getBootstrap(), security);
    }

    public KafkaProducer<String, byte[]> producer(String purpose) {
        return producer(purpose, Map.of());
    }

    /** A producer with {@code overrides} on top of the platform's defaults (the {@code client} settings still win). */
    public KafkaProducer<String, byte[]> producer(String purpose, Map<String, Object> overrides) {
        Map<String, Object> props = common(purpose);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // fail fast while the broker is away: the caller keeps the work and retries
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        props.putAll(overrides);
        props.putAll(settings.getClient());
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public KafkaConsumer<String, byte[]> consumer(String groupId) {
        return consumer(groupId, Map.of());
    }

    /** A consumer with {@code overrides} put over the defaults; {@code mooring.kafka.client.*} still applies last. */
    public KafkaConsumer<String, byte[]> consumer(String groupId, Map<String, Object> overrides) {
        Map<String, Object> props = common(groupId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        // notice topics created after the subscription quickly
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        // topics are created by their producing service with its partition count; a consumer that
        // subscribes first waits for them instead of creating them with the broker's default
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.putAll(overrides);
        props.putAll(settings.getClient());
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public Admin admin() {
        Map<String, Object> props = common("admin");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        props.putAll(settings.getClient());
        return Admin.create(props);
    }

    public KafkaSettings settings() {
        return settings;
    }

    private Map<String, Object> common(String purpose) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", settings.getBootstrap());
        props.put("client.id", settings.getServiceName() + "-" + purpose + "-" + Integer.toHexString(System.identityHashCode(this)));
        props.put("reconnect.backoff.max.ms", 2_000);
        props.putAll(security.clientProperties());
        return props;
    }
}
