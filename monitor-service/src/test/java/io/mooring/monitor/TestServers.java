package io.mooring.monitor;

import io.mooring.events.Topics;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Settings for one IT class: the JVM's shared Kafka and Postgres, a database of its own, a random
 * HTTP port and two bearer tokens. Topics get one partition, so "B was applied" implies "A, sent
 * before B, was applied": tests can check that something did not happen without sleeping.
 */
public final class TestServers {
    public static final String OPERATOR_TOKEN = "operator-token-for-tests";
    public static final String READ_TOKEN = "read-token-for-tests";

    private TestServers() {
    }

    public static Map<String, String> properties(Class<?> testClass) {
        Map<String, String> properties = new HashMap<>(Servers.properties(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS));
        String database = "monitoring_" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        Servers.postgres().createDatabase(database);
        properties.put("mooring.pg.database", database);
        properties.put("micronaut.server.port", "-1");
        properties.put("mooring.kafka.partitions", "1");
        properties.put("mooring.kafka.retry-backoff-max", "1s");
        properties.put("mooring.consumer.backoff-max", "1s");
        properties.put("mooring.auth.operator-tokens", OPERATOR_TOKEN);
        properties.put("mooring.auth.read-tokens", READ_TOKEN);
        createTopics(properties.get("mooring.kafka.bootstrap"), List.of(Topics.PROVISIONING));
        return properties;
    }

    /** Topics the service consumes but does not produce: in production their producers create them. */
    private static void createTopics(String bootstrap, List<String> topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, 1, (short) 1)).toList())
                    .values().forEach(TestServers::awaitCreated);
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic, e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
    }
}
