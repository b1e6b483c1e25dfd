package io.mooring.runtime.consumer;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.micronaut.core.type.Argument;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.testing.RealServersProperties;
import io.mooring.testing.TopicReader;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import io.mooring.testing.EventTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionIT implements TestPropertyProvider {
    private final EventCodec codec = new EventCodec();

    private static final int MAX_ATTEMPTS = 3;

    @Inject
    RecordingHandler handler;
    @Inject
    RecordingBatchHandler batchHandler;
    @Inject
    TypedRecordingHandler typedHandler;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ConsumerSettings settings;
    @Inject
    JsonMapper json;
    @Inject
    ProcessedEvents processed;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(
                RealServersProperties.withFreshDatabase("subscription", ServerKind.KAFKA, ServerKind.POSTGRES));
        properties.put("mooring.consumer.max-attempts", Integer.toString(MAX_ATTEMPTS));
        properties.put("mooring.consumer.backoff-initial", "100ms");
        properties.put("mooring.consumer.backoff-max", "400ms");
        properties.put("mooring.consumer.stuck-after", "1s");
        return properties;
    }

    @BeforeAll
    void createTopic() {
        try (EventTopics topics = new EventTopics()) {
            topics.create(2, RecordingHandler.TOPIC, RecordingBatchHandler.TOPIC);
            topics.create(1, TypedRecordingHandler.TOPIC);
        }
    }

    @Test
    void deadLettersWhatItCannotReadAndGoesOn() throws Exception {
        String after = "after-garbage-" + UUID.randomUUID();
        send(new ProducerRecord<>(RecordingHandler.TOPIC, "k", "not a cloud event".getBytes(StandardCharsets.UTF_8)));
        UUID valid = send(ready(after));

        await().atMost(Duration.ofSeconds(30)).until(() -> appliedIds().contains(valid));
        try (TopicReader dlq = new TopicReader(Servers.kafka().bootstrapServers(), Topics.deadLetter(RecordingHandler.TOPIC))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> dlq.records().stream().anyMatch(r -> isGarbage(r)));
            ConsumerRecord<String, byte[]> dead = dlq.records().stream().filter(SubscriptionIT::isGarbage).findFirst().orElseThrow();
            assertThat(new String(dead.headers().lastHeader(DeadLetters.ERROR_HEADER).value(), StandardCharsets.UTF_8))
                    .contains("not a CloudEvent");
            assertThat(new String(dead.headers().lastHeader("mooring.dlq.consumer").value(), StandardCharsets.UTF_8))
                    .isEqualTo("runtime-it.recording");
        }
    }

    @Test
    void retriesATransientFailureUntilTheEventApplies() throws Exception {
        UUID flaky = send(ready("flaky-" + UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(60)).until(() -> appliedIds().contains(flaky));
        assertThat(handler.attempts(flaky)).isEqualTo(3);
        assertThat(appliedIds()).containsOnlyOnce(flaky);
    }

    @Test
    void deadLettersAnEventTheHandlerRejectsForGood() throws Exception {
        UUID poison = send(ready("poison-" + UUID.randomUUID()));
        try (TopicReader dlq = new TopicReader(Servers.kafka().bootstrapServers(), Topics.deadLetter(RecordingHandler.TOPIC))) {
            // by header: the dead-letter topic also holds records that are no CloudEvent at all
            await().atMost(Duration.ofSeconds(60)).until(() -> deadLettered(dlq, poison) != null);
        }
        assertThat(appliedIds()).doesNotContain(poison);
    }

    @Test
    void deadLettersARecordThatKeepsFailingLikeABugAfterItsAttemptsAndGoesOnWithTheNext() throws Exception {
        String key = "acct-" + UUID.randomUUID();
        UUID bug = send(ready(RecordingHandler.TOPIC, null, key, "bug-" + UUID.randomUUID()));
        UUID next = send(ready(RecordingHandler.TOPIC, null, key, "after-bug-" + UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(30)).until(() -> appliedIds().contains(next));
        assertThat(handler.attempts(bug)).isEqualTo(MAX_ATTEMPTS);
        assertThat(appliedIds()).doesNotContain(bug).containsOnlyOnce(next);
        try (TopicReader dlq = new TopicReader(Servers.kafka().bootstrapServers(), Topics.deadLetter(RecordingHandler.TOPIC))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered(dlq, bug) != null);
            ConsumerRecord<String, byte[]> dead = deadLettered(dlq, bug);
            assertThat(header(dead, DeadLetters.EXCEPTION_HEADER)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(dead, DeadLetters.ERROR_HEADER)).startsWith("a bug met bug-");
            assertThat(header(dead, DeadLetters.ATTEMPTS_HEADER)).isEqualTo(Integer.toString(MAX_ATTEMPTS));
            assertThat(header(dead, Topics.DLQ_TOPIC_HEADER)).isEqualTo(RecordingHandler.TOPIC);
            assertThat(header(dead, Topics.DLQ_CONSUMER_HEADER)).isEqualTo("runtime-it.recording");
            try (TopicReader source = new TopicReader(Servers.kafka().bootstrapServers(), RecordingHandler.TOPIC)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered(source, bug) != null);
                ConsumerRecord<String, byte[]> original = deadLettered(source, bug);
                assertThat(header(dead, Topics.DLQ_PARTITION_HEADER)).isEqualTo(Integer.toString(original.partition()));
                assertThat(header(dead, Topics.DLQ_OFFSET_HEADER)).isEqualTo(Long.toString(original.offset()));
            }
            assertThat(dead.key()).isEqualTo(key);
        }
    }

    @Test
    void aPartitionStuckOnAnUnavailableStoreHoldsOnlyItselfAndIsNamedInHealthAndMetrics() throws Exception {
        UUID stalled = send(ready(RecordingHandler.TOPIC, 0, "k0", "stall-" + UUID.randomUUID()));
        UUID behind = send(ready(RecordingHandler.TOPIC, 0, "k0", "behind-stall-" + UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.attempts(stalled) >= 2);

        List<UUID> flowing = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            flowing.add(send(ready(RecordingHandler.TOPIC, 1, "k1", "flowing-" + UUID.randomUUID())));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> appliedIds().containsAll(flowing));
        assertThat(appliedIds()).doesNotContain(stalled, behind);

        await().atMost(Duration.ofSeconds(30)).until(() -> health().contains("DEGRADED"));
        String health = health();
        assertThat(health).contains("\"partition\":\"" + RecordingHandler.TOPIC + "-0\"")
                .contains("runtime-it.recording").contains("store unavailable")
                .doesNotContain(RecordingHandler.TOPIC + "-1");
        assertThat(consumersStatus("/health")).isEqualTo("UP");
        settings.setStuckFailsReadiness(true);
        try {
            assertThat(consumersStatus("/health/readiness")).isEqualTo("DOWN");
        } finally {
            settings.setStuckFailsReadiness(false);
        }
        String metrics = http.toBlocking().retrieve("/prometheus");
        assertThat(gauge(metrics, "mooring_events_unprocessed_age_seconds", "runtime-it.recording", RecordingHandler.TOPIC, 0))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(gauge(metrics, "mooring_events_unprocessed_age_seconds", "runtime-it.recording", RecordingHandler.TOPIC, 1))
                .isZero();
        assertThat(metrics).containsPattern("mooring_events_retried_total\\{consumer=\"runtime-it.recording\".*} [1-9]")
                .contains("kafka_consumer_fetch_manager_records_lag_max{");
        // the alert rules watch series this consumer exports
        assertThat(AlertRulesTest.mooringSeries()).isNotEmpty()
                .allSatisfy(series -> assertThat(metrics).contains(series + "{"));

        handler.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> appliedIds().contains(behind));
        assertThat(appliedIds().indexOf(stalled)).isLessThan(appliedIds().indexOf(behind));
        await().atMost(Duration.ofSeconds(10)).until(() -> health().contains("\"state\":\"OK\""));
    }

    @Test
    void aBatchHandlerThatRejectsSomeEventsHasThemDeadLetteredAndTheOthersAppliedOnce() throws Exception {
        String key = "acct-" + UUID.randomUUID();
        UUID first = send(ready(RecordingBatchHandler.TOPIC, null, key, "ok-" + UUID.randomUUID()));
        UUID rejected = send(ready(RecordingBatchHandler.TOPIC, null, key, "rejected-" + UUID.randomUUID()));
        UUID poison = send(ready(RecordingBatchHandler.TOPIC, null, key, "poison-" + UUID.randomUUID()));
        UUID last = send(ready(RecordingBatchHandler.TOPIC, null, key, "ok-" + UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(30)).until(() -> batchAppliedIds().contains(last));
        assertThat(batchAppliedIds()).containsSubsequence(first, last).doesNotContain(rejected, poison)
                .containsOnlyOnce(first, last);
        try (TopicReader dlq = new TopicReader(Servers.kafka().bootstrapServers(), Topics.deadLetter(RecordingBatchHandler.TOPIC))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered(dlq, rejected) != null && deadLettered(dlq, poison) != null);
            assertThat(header(deadLettered(dlq, rejected), DeadLetters.ERROR_HEADER)).contains("rejected");
        }
    }

    @Test
    void aBatchHandlerAppliesThePrefixBeforeAFailureAndTheRestAfterTheDeadLetter() throws Exception {
        String key = "acct-" + UUID.randomUUID();
        UUID first = send(ready(RecordingBatchHandler.TOPIC, null, key, "ok-" + UUID.randomUUID()));
        UUID second = send(ready(RecordingBatchHandler.TOPIC, null, key, "ok-" + UUID.randomUUID()));
        UUID poison = send(ready(RecordingBatchHandler.TOPIC, null, key, "poison-" + UUID.randomUUID()));
        UUID last = send(ready(RecordingBatchHandler.TOPIC, null, key, "ok-" + UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(30)).until(() -> batchAppliedIds().contains(last));
        assertThat(batchAppliedIds()).containsSubsequence(first, second, last).doesNotContain(poison)
                .containsOnlyOnce(first, second, last);
        try (TopicReader dlq = new TopicReader(Servers.kafka().bootstrapServers(), Topics.deadLetter(RecordingBatchHandler.TOPIC))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered(dlq, poison) != null);
            assertThat(header(deadLettered(dlq, poison), DeadLetters.ATTEMPTS_HEADER)).isEqualTo("1");
        }
    }

    @Test
    void aBatchHandlerWithPartitionsInParallelHandlesTwoPartitionsAtOnce() throws Exception {
        UUID zero = send(ready(RecordingBatchHandler.TOPIC, 0, "k0", "meet-" + UUID.randomUUID()));
        UUID one = send(ready(RecordingBatchHandler.TOPIC, 1, "k1", "meet-" + UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(30)).until(() -> batchAppliedIds().containsAll(List.of(zero, one)));
        assertThat(batchHandler.mostAtOnce).hasValueGreaterThanOrEqualTo(2);
        assertThat(batchAppliedIds()).containsOnlyOnce(zero, one);
    }

    @Test
    void aBatchHandledInParallelThatFailsTransientlyIsRetriedInOrderAndAppliedOnce() throws Exception {
        String key = "acct-" + UUID.randomUUID();
        UUID first = send(ready(RecordingBatchHandler.TOPIC, null, key, "ok-" + UUID.randomUUID()));
        UUID again = send(ready(RecordingBatchHandler.TOPIC, null, key, "again-" + UUID.randomUUID()));
        UUID last = send(ready(RecordingBatchHandler.TOPIC, null, key, "ok-" + UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(30)).until(() -> batchAppliedIds().contains(last));
        assertThat(batchAppliedIds()).containsSubsequence(first, again, last).containsOnlyOnce(first, again, last);
    }

    @Test
    void aMemberJoiningTheGroupTakesOverPartitionsWithoutReapplyingWhatWasApplied() throws Exception {
        List<UUID> before = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            before.add(send(ready(RecordingBatchHandler.TOPIC, i % 2, "k" + i, "ok-" + UUID.randomUUID())));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> batchAppliedIds().containsAll(before));

        List<UUID> byNewMember = new CopyOnWriteArrayList<>();
        AtomicBoolean assigned = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread member = Thread.ofPlatform().start(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Servers.kafka().bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "runtime-it.batches",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(RecordingBatchHandler.TOPIC));
                while (!stop.get()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> byNewMember.add(codec.decode(r).id()));
                    assigned.set(!consumer.assignment().isEmpty());
                    consumer.commitSync();
                }
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60)).untilTrue(assigned);
            List<UUID> after = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                after.add(send(ready(RecordingBatchHandler.TOPIC, i % 2, "k" + i, "ok-" + UUID.randomUUID())));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> IntStream.range(0, after.size())
                    .allMatch(i -> batchAppliedIds().contains(after.get(i)) || byNewMember.contains(after.get(i))));
            assertThat(byNewMember).doesNotContainAnyElementsOf(before).doesNotHaveDuplicates();
            assertThat(byNewMember).as("the new member took a partition").isNotEmpty();
            List<UUID> all = new ArrayList<>(batchAppliedIds());
            all.addAll(byNewMember);
            assertThat(all.stream().filter(id -> before.contains(id) || after.contains(id)))
                    .doesNotHaveDuplicates().hasSize(20);
        } finally {
            stop.set(true);
            member.join(10_000);
        }
    }

    @Test
    void handsOnEventsOfUnknownTypesWithoutPayload() throws Exception {
        UUID id = UUID.randomUUID();
        var unknown = CloudEventBuilder.v1().withId(id.toString()).withType("mooring.provisioning.account.teleported.v1")
                .withSource(URI.create("/mooring/elsewhere")).withSubject("acct-x").withTime(OffsetDateTime.now())
                .withDataContentType("application/json").withData("{\"to\":\"mars\"}".getBytes(StandardCharsets.UTF_8)).build();
        send(codec.toRecord(RecordingHandler.TOPIC, unknown));
        await().atMost(Duration.ofSeconds(30)).until(() -> appliedIds().contains(id));
        ReceivedEvent received = handler.applied.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        assertThat(received.isKnown()).isFalse();
        assertThat(new String(received.rawData(), StandardCharsets.UTF_8)).contains("mars");
    }

    @Test
    void aHandlerOfSomeTypesIsHandedOnlyThoseAndItsOffsetsPassTheOthers() throws Exception {
        var other = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withType("mooring.provisioning.account.teleported.v1").withSource(URI.create("/mooring/elsewhere"))
                .withSubject("acct-x").withTime(OffsetDateTime.now()).withDataContentType("application/json")
                .withData("{\"to\":\"mars\"}".getBytes(StandardCharsets.UTF_8)).build();
        send(codec.toRecord(TypedRecordingHandler.TOPIC, other));
        UUID handled = send(ready(TypedRecordingHandler.TOPIC, 0, "k", "typed-" + UUID.randomUUID()));
        send(codec.toRecord(TypedRecordingHandler.TOPIC, CloudEventBuilder.v1(other).withId(UUID.randomUUID().toString()).build()));

        await().atMost(Duration.ofSeconds(30)).until(() -> typedHandler.applied.stream().anyMatch(e -> e.id().equals(handled)));
        // the last record, of another type, is passed too: the group's offset reaches the end of the partition
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", Servers.kafka().bootstrapServers()))) {
            var partition = new org.apache.kafka.common.TopicPartition(TypedRecordingHandler.TOPIC, 0);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var committed = admin.listConsumerGroupOffsets("runtime-it.typed").partitionsToOffsetAndMetadata().get();
                assertThat(committed.get(partition)).isNotNull().extracting(o -> o.offset()).isEqualTo(3L);
            });
        }
        assertThat(typedHandler.applied).extracting(ReceivedEvent::type).containsOnly(TypedRecordingHandler.TYPE);
        try (TopicReader dlq = new TopicReader(Servers.kafka().bootstrapServers(), Topics.deadLetter(TypedRecordingHandler.TOPIC))) {
            assertThat(dlq.records()).isEmpty();
        }
    }

    @Test
    void processedEventsGuardAnswersFirstTimeOnlyOnce() {
        UUID id = UUID.randomUUID();
        assertThat((boolean) transactions.executeWrite(s -> processed.firstTime("guard-test", id))).isTrue();
        assertThat((boolean) transactions.executeWrite(s -> processed.firstTime("guard-test", id))).isFalse();
        assertThat((boolean) transactions.executeWrite(s -> processed.firstTime("another-consumer", id))).isTrue();
    }

    private ProducerRecord<String, byte[]> ready(String subject) {
        EventEnvelope envelope = EventEnvelope.of("test", new AccountReady(subject, "acme", "host-1", "small", "ops@example.org"),
                Clock.systemUTC());
        return codec.toRecord(RecordingHandler.TOPIC, codec.toCloudEvent(envelope));
    }

    /** An event with the given subject, to a given partition (or by key when null). */
    private ProducerRecord<String, byte[]> ready(String topic, Integer partition, String key, String subject) {
        EventEnvelope envelope = EventEnvelope.of("test", new AccountReady(subject, "acme", "host-1", "small", "ops@example.org"),
                Clock.systemUTC());
        ProducerRecord<String, byte[]> record = codec.toRecord(topic, codec.toCloudEvent(envelope));
        return new ProducerRecord<>(topic, partition, key, record.value(), record.headers());
    }

    private List<UUID> batchAppliedIds() {
        return batchHandler.applied.stream().map(ReceivedEvent::id).toList();
    }

    private ConsumerRecord<String, byte[]> deadLettered(TopicReader dlq, UUID id) {
        return dlq.records().stream().filter(r -> r.headers().lastHeader("ce_id") != null
                && id.toString().equals(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)))
                .findFirst().orElse(null);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The health document, whatever its status code. */
    private String health() {
        try {
            return http.toBlocking().retrieve("/health");
        } catch (HttpClientResponseException e) {
            return e.getResponse().getBody(String.class).orElse("");
        }
    }

    /** The status of the {@code consumers} health indicator in a health document. */
    @SuppressWarnings("unchecked")
    private String consumersStatus(String path) throws IOException {
        String body;
        try {
            body = http.toBlocking().retrieve(path);
        } catch (HttpClientResponseException e) {
            body = e.getResponse().getBody(String.class).orElse("{}");
        }
        Map<String, Object> health = json.readValue(body, Argument.mapOf(String.class, Object.class));
        Map<String, Object> consumers = (Map<String, Object>) ((Map<String, Object>) health.get("details")).get("consumers");
        return String.valueOf(consumers.get("status"));
    }

    private static double gauge(String metrics, String name, String consumer, String topic, int partition) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(metrics);
        while (matcher.find()) {
            Set<String> labels = Set.of(matcher.group(1).split(","));
            if (labels.contains("consumer=\"" + consumer + "\"") && labels.contains("topic=\"" + topic + "\"")
                    && labels.contains("partition=\"" + partition + "\"")) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no " + name + " for " + consumer + " " + topic + "-" + partition + " in\n" + metrics);
    }

    private UUID send(ProducerRecord<String, byte[]> record) throws Exception {
        try (EventTopics topics = new EventTopics()) {
            topics.send(record);
        }
        var id = record.headers().lastHeader("ce_id");
        return id == null ? null : UUID.fromString(new String(id.value(), StandardCharsets.UTF_8));
    }

    private List<UUID> appliedIds() {
        return handler.applied.stream().map(ReceivedEvent::id).toList();
    }

    private static boolean isGarbage(ConsumerRecord<String, byte[]> record) {
        return "not a cloud event".equals(new String(record.value(), StandardCharsets.UTF_8));
    }
}
