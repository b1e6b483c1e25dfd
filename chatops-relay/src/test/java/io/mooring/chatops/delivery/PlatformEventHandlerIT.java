package io.mooring.chatops.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.chatops.RelayIT;
import io.mooring.testing.EventTopics;
import io.mooring.testing.TopicReader;
import io.mooring.chatops.WebhookReceiver;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupRunFailed;
import io.mooring.events.backups.BackupRunStarted;
import io.mooring.events.monitoring.IncidentOpened;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.provisioning.AccountPlaced;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountRequested;
import io.mooring.events.provisioning.HostRegistered;
import io.mooring.events.provisioning.HostRemoved;
import io.mooring.chatops.message.Naming;
import jakarta.inject.Inject;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.runtime.consumer.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.mooring.events.MooringEvent;
import io.mooring.testing.ContractSamples;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events from Kafka reach the configured webhooks once each, through refusals, outages and garbage. */
@MicronautTest
class PlatformEventHandlerIT extends RelayIT {
    private final ObjectMapper json = new ObjectMapper();
    private final EventCodec codec = new EventCodec();
    @Inject
    Naming naming;

    PlatformEventHandlerIT() {
        super("notifier", Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING);
    }

    @Override
    protected void settings(Map<String, String> properties) {
        properties.put("mooring.kafka.retry-backoff-max", "1s");
        properties.put("mooring.consumer.backoff-max", "1s");
        properties.put("mooring.chatops.delivery.backoff-initial", "200ms");
        properties.put("mooring.chatops.delivery.backoff-max", "1s");
        properties.put("mooring.chatops.delivery.rate-per-second", "1000");
        properties.put("mooring.chatops.delivery.burst", "1000");
        properties.put("mooring.chatops.delivery.group-wait", "0s");
        target(properties, 0, "slack", "slack", receiver.url("/slack"), null);
        target(properties, 1, "matrix", "matrix-hookshot", receiver.url("/matrix"), "mooring.provisioning.account.");
        properties.put("mooring.chatops.webhook.url", receiver.url("/generic"));
    }

    @Test
    void postsAnAccountReadyEventToEveryTargetInItsShape() throws IOException {
        String account = "acct-" + UUID.randomUUID();
        EventEnvelope ready = EventEnvelope.of("provisioner", new AccountReady(account, "acme", "h-1", "small", "ops@acme.example"),
                Clock.systemUTC());
        events.send(new EventCodec().toRecord(ready));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(receiver.received("/slack", ready.id())).hasSize(1);
            assertThat(receiver.received("/matrix", ready.id())).hasSize(1);
            assertThat(receiver.received("/generic", ready.id())).hasSize(1);
        });
        String message = "✅ Account acme is ready on host h-1 (plan small)";
        WebhookReceiver.Received slack = receiver.received("/slack", ready.id()).getFirst();
        assertThat(slack.contentType()).startsWith("application/json");
        JsonNode slackBody = json.readTree(slack.body());
        assertThat(slackBody.get("text").asText()).isEqualTo(message);
        assertThat(slackBody.at("/blocks/1/text/text").asText()).isEqualTo(message);
        assertThat(json.readTree(receiver.received("/matrix", ready.id()).getFirst().body()))
                .isEqualTo(json.createObjectNode().put("text", message).put("format", "plain"));
        JsonNode generic = json.readTree(receiver.received("/generic", ready.id()).getFirst().body());
        assertThat(generic.get("id").asText()).isEqualTo(ready.id().toString());
        assertThat(generic.get("type").asText()).isEqualTo("mooring.provisioning.account.ready.v1");
        assertThat(generic.get("subject").asText()).isEqualTo(account);
        assertThat(OffsetDateTime.parse(generic.get("time").asText()).toInstant()).isEqualTo(ready.time().toInstant());
        assertThat(generic.get("message").asText()).isEqualTo(message);
        assertThat(generic.get("data")).isEqualTo(json.readTree("""
                {"accountId": "%s", "name": "acme", "hostId": "h-1", "plan": "small", "ownerEmail": "ops@acme.example"}
                """.formatted(account)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveries(ready.id())).hasSize(3));
        assertThat(deliveries(ready.id())).allSatisfy(d -> {
            assertThat(d.get("status").asText()).isEqualTo("delivered");
            assertThat(d.get("httpStatus").asInt()).isEqualTo(200);
            assertThat(d.get("type").asText()).isEqualTo("mooring.provisioning.account.ready.v1");
            assertThat(d.get("message").asText()).isEqualTo(message);
            assertThat(d.get("retrying").asBoolean()).isFalse();
        }).extracting(d -> d.get("target").asText()).containsExactlyInAnyOrder("slack", "matrix", "default");
    }

    @Test
    void postsARedeliveredEventOnlyOnce() {
        String account = "acct-" + UUID.randomUUID();
        EventEnvelope ready = EventTopics.envelope("provisioner", new AccountReady(account, "twice", "h-2", "large", null));
        ProducerRecord<String, byte[]> record = codec.toRecord(ready);
        events.send(record);
        events.send(record);
        EventEnvelope after = EventTopics.envelope("provisioner", new AccountResumed(account));
        events.send(after);

        // each target has its own queue: wait for each
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(receiver.received("/generic", after.id())).hasSize(1);
            assertThat(receiver.received("/slack", after.id())).hasSize(1);
            assertThat(receiver.received("/matrix", after.id())).hasSize(1);
        });
        assertThat(receiver.received("/slack", ready.id())).hasSize(1);
        assertThat(receiver.received("/matrix", ready.id())).hasSize(1);
        assertThat(receiver.received("/generic", ready.id())).hasSize(1);
        assertThat(deliveries(ready.id())).hasSize(3);
    }

    @Test
    void namesTheHostAnAccountIsPlacedOnOnceItsRegistrationIsKnownAndForgetsItWhenRemoved() throws IOException {
        String host = UUID.randomUUID().toString();
        String account = UUID.randomUUID().toString();
        events.send(codec.toRecord(EventTopics.envelope("provisioner",
                new HostRegistered(host, "edge-7", "fra1", 8, 16384, 200, Map.of()))));
        events.send(codec.toRecord(EventTopics.envelope("provisioner", new AccountRequested(account, "lumen", "small", null))));
        await().atMost(PATIENCE).until(() -> "edge-7".equals(naming.nameOf(host)) && "lumen".equals(naming.nameOf(account)));

        EventEnvelope placed = EventTopics.envelope("provisioner", new AccountPlaced(account, host));
        events.send(codec.toRecord(placed));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/generic", placed.id())).hasSize(1));
        assertThat(json.readTree(receiver.received("/generic", placed.id()).getFirst().body()).get("message").asText())
                .isEqualTo("📍 Account lumen placed on host edge-7");

        events.send(codec.toRecord(EventTopics.envelope("provisioner", new HostRemoved(host))));
        await().atMost(PATIENCE).until(() -> host.equals(naming.nameOf(host)));
    }

    @Test
    void retriesATargetThatAnswers500UntilItTakesTheEvent() {
        receiver.answer("/generic", 500, 500);
        String policy = "bpol-" + UUID.randomUUID();
        EventEnvelope failed = EventTopics.envelope("backup-service",
                new BackupRunFailed(policy, "brun-1", "acct-1", "pg_dump exited with 1"));
        events.send(failed);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(receiver.received("/generic", failed.id()))
                    .extracting(WebhookReceiver.Received::answeredWith).containsExactly(500, 500, 200);
            assertThat(receiver.received("/slack", failed.id())).hasSize(1);
        });
        // the target that took it at the first try is not posted to again while the other is retried
        assertThat(receiver.received("/slack", failed.id())).hasSize(1);
        assertThat(receiver.received("/matrix", failed.id())).as("matrix only wants account events").isEmpty();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveries(failed.id())).hasSize(4));
        List<String> generic = deliveries(failed.id()).stream().filter(d -> d.get("target").asText().equals("default"))
                .map(d -> d.get("status").asText() + " " + d.get("httpStatus").asInt() + " " + d.get("retrying").asBoolean())
                .toList();
        assertThat(generic).containsExactly("delivered 200 false", "failed 500 true", "failed 500 true");
    }

    @Test
    void recordsARefusedPostAsFailedAndGoesOn() {
        // posts of earlier tests still draining to /slack would take the scripted 400: its queue is FIFO, so once
        // an event sent now has reached /slack, they have too
        EventEnvelope barrier = EventTopics.envelope("provisioner", new AccountResumed("acct-" + UUID.randomUUID()));
        events.send(barrier);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/slack", barrier.id())).hasSize(1));
        receiver.answer("/slack", 400);
        String monitor = "mon-" + UUID.randomUUID();
        EventEnvelope refused = EventTopics.envelope("monitor-service",
                new MonitorStateChanged(monitor, "UP", "DOWN", "HTTP 503 from https://acme.example/health"));
        EventEnvelope next = EventTopics.envelope("monitor-service",
                new IncidentOpened(monitor, "inc-1", "acme web is down", "major"));
        events.send(refused);
        events.send(next);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(receiver.received("/generic", next.id())).hasSize(1);
            assertThat(receiver.received("/slack", next.id())).hasSize(1);
        });
        assertThat(receiver.received("/slack", refused.id())).extracting(WebhookReceiver.Received::answeredWith)
                .containsExactly(400);
        assertThat(receiver.received("/generic", refused.id())).hasSize(1);
        assertThat(receiver.received("/slack", next.id())).hasSize(1);
        JsonNode failure = deliveries(refused.id()).stream().filter(d -> d.get("target").asText().equals("slack"))
                .findFirst().orElseThrow();
        assertThat(failure.get("status").asText()).isEqualTo("failed");
        assertThat(failure.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(failure.get("retrying").asBoolean()).isFalse();
        assertThat(failure.get("error").asText()).isEqualTo("HTTP 400");
    }

    @Test
    void deadLettersAMessageThatIsNoEventAndGoesOn() {
        String policy = "bpol-" + UUID.randomUUID();
        byte[] garbage = "{ this is not a CloudEvent".getBytes(StandardCharsets.UTF_8);
        events.send(new ProducerRecord<>(Topics.BACKUPS, policy, garbage));
        EventEnvelope next = EventTopics.envelope("backup-service", new BackupRunStarted(policy, "brun-2", "acct-2"));
        events.send(next);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/slack", next.id())).hasSize(1));
        ConsumerRecord<String, byte[]> dead = deadLetter(Topics.deadLetter(Topics.BACKUPS), policy);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(dead.headers().lastHeader(DeadLetters.ERROR_HEADER)).isNotNull();
        assertThat(new String(dead.headers().lastHeader(DeadLetters.ERROR_HEADER).value(), StandardCharsets.UTF_8))
                .isNotBlank();
    }

    @Test
    void postsEveryEventTheContractAllowsOnTheConsumedTopics() {
        Set<String> consumed = Set.of(Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING);
        List<EventEnvelope> sent = new ArrayList<>();
        for (MooringEvent sample : ContractSamples.all()) {
            EventEnvelope envelope = EventEnvelope.of("contract-samples", sample, Clock.systemUTC());
            if (consumed.contains(envelope.topic())) {
                events.send(envelope);
                sent.add(envelope);
            }
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sent)
                .allSatisfy(e -> assertThat(receiver.received("/generic", e.id())).as(e.type()).hasSize(1)));
    }

    @Test
    void doesNotPostEventsFromBeforeItsTargetsWereAdded() {
        String account = "acct-" + UUID.randomUUID();
        // history: an event of yesterday, as a relay with a new consumer group reads it from the topic's start
        EventEnvelope old = EventEnvelope.of("provisioner", new AccountReady(account, "old", "h-1", "small", null),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(-1)));
        events.send(old);
        EventEnvelope next = EventTopics.envelope("provisioner", new AccountResumed(account));
        events.send(next);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/generic", next.id())).hasSize(1));
        assertThat(receiver.received("/slack", old.id())).isEmpty();
        assertThat(receiver.received("/matrix", old.id())).isEmpty();
        assertThat(receiver.received("/generic", old.id())).isEmpty();
        assertThat(deliveries(old.id())).isEmpty();
    }

    @Test
    void skipsEventTypesItDoesNotKnow() {
        String account = "acct-" + UUID.randomUUID();
        UUID unknownId = UUID.randomUUID();
        events.send(codec.toRecord(Topics.PROVISIONING, codec.toCloudEvent(unknownId, "mooring.provisioning.account.renamed.v9",
                "/mooring/provisioner", account, OffsetDateTime.now(), "{\"accountId\":\"x\"}".getBytes(StandardCharsets.UTF_8))));
        EventEnvelope next = EventTopics.envelope("provisioner", new AccountResumed(account));
        events.send(next);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/generic", next.id())).hasSize(1));
        assertThat(receiver.received("/slack", unknownId)).isEmpty();
        assertThat(receiver.received("/generic", unknownId)).isEmpty();
        assertThat(deliveries(unknownId)).isEmpty();
    }

    private List<JsonNode> deliveries(UUID eventId) {
        String body = http.toBlocking().retrieve(HttpRequest.GET("/v1/deliveries?eventId=" + eventId).bearerAuth(OPERATOR));
        try {
            List<JsonNode> entries = new ArrayList<>();
            json.readTree(body).forEach(entries::add);
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ConsumerRecord<String, byte[]> deadLetter(String topic, String key) {
        try (TopicReader reader = events.reader(topic)) {
            return await().atMost(PATIENCE).until(
                    () -> reader.records().stream().filter(r -> key.equals(r.key())).findFirst().orElse(null),
                    java.util.Objects::nonNull);
        }
    }
}
