package io.mooring.runtime.consumer;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.runtime.testing.RealServersProperties;
import io.mooring.runtime.testing.TopicReader;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionIT implements TestPropertyProvider {
    private final EventCodec codec = new EventCodec();

    @Inject
    RecordingHandler handler;
    @Inject
    ProcessedEvents processed;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return RealServersProperties.withFreshDatabase("subscription", ServerKind.KAFKA, ServerKind.POSTGRES);
    }

    @BeforeAll
    void createTopic() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", Servers.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(RecordingHandler.TOPIC, 2, (short) 1))).all().get();
        } catch (ExecutionException alreadyThere) {
            // created by an earlier run against the same broker
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
            await().atMost(Duration.ofSeconds(30)).until(() -> dlq.events().stream().anyMatch(e -> e.id().equals(poison)));
        }
        assertThat(appliedIds()).doesNotContain(poison);
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

    private UUID send(ProducerRecord<String, byte[]> record) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", Servers.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
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
