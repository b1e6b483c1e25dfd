package io.mooring.monitor.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.ReceivedEvent;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.mooring.testing.ContractSamples;
import io.mooring.testing.EventTopics;
import io.mooring.monitor.TestServers;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service follows accounts on mooring.provisioning: real Kafka, real Postgres, the service's own consumer. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountBackupMonitorIT implements TestPropertyProvider {
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @Inject
    EmbeddedServer server;

    private ApiClient api;
    private EventTopics log;

    @Override
    public Map<String, String> getProperties() {
        return TestServers.properties(getClass());
    }

    @BeforeAll
    void connect() {
        api = new ApiClient(HttpClient.create(server.getURL()), null);
        log = new EventTopics();
    }

    @AfterAll
    void disconnect() {
        log.close();
    }

    @Test
    void aReadyAccountGetsOneBackupHeartbeatAndItsEvent() {
        String accountId = UUID.randomUUID().toString();
        log.send(accountReady(accountId, "harbour"));

        JsonNode monitor = awaitMonitors(accountId, 1).get(0);
        assertThat(monitor.get("name").asText()).isEqualTo("harbour-backup");
        assertThat(monitor.get("kind").asText()).isEqualTo("heartbeat");
        assertThat(monitor.get("intervalSeconds").asInt()).isEqualTo(86_400);
        assertThat(monitor.get("graceSeconds").asInt()).isEqualTo(7_200);
        assertThat(monitor.get("state").asText()).isEqualTo("UNKNOWN");
        assertThat(monitor.has("target")).isFalse();
        assertThat(monitor.has("heartbeatToken")).isFalse();

        List<MonitorCreated> created = awaitCreated(accountId, 1);
        assertThat(created.getFirst()).isEqualTo(new MonitorCreated(monitor.get("id").asText(), accountId,
                "harbour-backup", "heartbeat", "harbour-backup"));
    }

    @Test
    void aRepeatedAccountReadyIsAppliedOnce() {
        String accountId = UUID.randomUUID().toString();
        EventEnvelope ready = accountReady(accountId, "quay");
        log.send(ready);
        log.send(ready);
        // the provisioner announcing the same account again under a new event id changes nothing either
        log.send(accountReady(accountId, "quay"));
        String laterAccount = UUID.randomUUID().toString();
        log.send(accountReady(laterAccount, "pier"));

        awaitMonitors(laterAccount, 1);
        awaitCreated(laterAccount, 1);
        assertThat(monitors(accountId)).hasSize(1);
        assertThat(created(accountId)).hasSize(1);
    }

    @Test
    void handlesEveryEventTheContractAllowsWithoutStalling() {
        String accountId = UUID.randomUUID().toString();
        Set<String> ids = new HashSet<>();
        for (ReceivedEvent sample : ContractSamples.received(ContractSamples.all(accountId))) {
            EventEnvelope event = sample.toEnvelope();
            if (event.topic().equals(Topics.PROVISIONING)) {
                log.send(event);
                ids.add(event.id().toString());
            }
        }
        // the samples purge the account last; a new ready event behind them on the same partition shows they were passed
        log.send(accountReady(accountId, "after-samples"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(monitors(accountId))
                .extracting(m -> m.get("name").asText()).containsExactly("after-samples-backup"));
        assertThat(log.records(Topics.deadLetter(Topics.PROVISIONING))).noneMatch(r -> r.headers().lastHeader("ce_id") != null
                && ids.contains(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)));
    }

    @Test
    void aMessageThatIsNoEventIsDeadLetteredAndConsumptionGoesOn() {
        String garbageKey = "garbage-" + UUID.randomUUID();
        byte[] garbage = "{ this is not a CloudEvent".getBytes(StandardCharsets.UTF_8);
        log.send(new ProducerRecord<>(Topics.PROVISIONING, garbageKey, garbage));
        String unknownKey = UUID.randomUUID().toString();
        log.send(unknownType(unknownKey));
        String accountId = UUID.randomUUID().toString();
        log.send(accountReady(accountId, "jetty"));

        awaitMonitors(accountId, 1);
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> dead = log.records(Topics.deadLetter(Topics.PROVISIONING)).stream()
                    .filter(r -> garbageKey.equals(r.key())).toList();
            assertThat(dead).hasSize(1);
            assertThat(dead.getFirst().value()).isEqualTo(garbage);
            Header error = dead.getFirst().headers().lastHeader(Topics.DLQ_ERROR_HEADER);
            assertThat(error).as("header " + Topics.DLQ_ERROR_HEADER).isNotNull();
            assertThat(new String(error.value(), StandardCharsets.UTF_8)).isNotBlank();
        });
        assertThat(log.records(Topics.deadLetter(Topics.PROVISIONING)))
                .as("an event of a type this version does not know is skipped, not dead-lettered")
                .noneMatch(r -> unknownKey.equals(r.key()));
    }

    @Test
    void aPurgedAccountLosesItsMonitors() {
        String accountId = UUID.randomUUID().toString();
        log.send(accountReady(accountId, "wharf"));
        String monitorId = awaitMonitors(accountId, 1).get(0).get("id").asText();

        EventEnvelope purged = EventEnvelope.of("provisioner", new AccountPurged(accountId), Clock.systemUTC());
        log.send(purged);
        log.send(purged);

        awaitMonitors(accountId, 0);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(log.events(Topics.MONITORING, MonitorDeleted.class)).containsOnlyOnce(new MonitorDeleted(monitorId, accountId)));
    }

    private EventEnvelope accountReady(String accountId, String name) {
        return EventEnvelope.of("provisioner", new AccountReady(accountId, name, UUID.randomUUID().toString(), "small",
                "owner@example.org"), Clock.systemUTC());
    }

    /** A well-formed CloudEvent of a type a newer provisioner might produce. */
    private static ProducerRecord<String, byte[]> unknownType(String subject) {
        EventCodec codec = new EventCodec();
        return codec.toRecord(Topics.PROVISIONING, codec.toCloudEvent(UUID.randomUUID(),
                "mooring.provisioning.account.renamed.v9", "/mooring/provisioner", subject, OffsetDateTime.now(),
                ("{\"accountId\":\"" + subject + "\",\"name\":\"new-name\"}").getBytes(StandardCharsets.UTF_8)));
    }

    private List<JsonNode> awaitMonitors(String accountId, int count) {
        return await().atMost(PATIENCE).until(() -> monitors(accountId), found -> found.size() == count);
    }

    private List<JsonNode> monitors(String accountId) {
        Reply answer = api.as(TestServers.READ_TOKEN).get("/v1/monitors?limit=200&accountId=" + accountId);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        answer.tree().get("items").elements().forEachRemaining(found::add);
        return found;
    }

    private List<MonitorCreated> awaitCreated(String accountId, int count) {
        return await().atMost(PATIENCE).until(() -> created(accountId), found -> found.size() == count);
    }

    private List<MonitorCreated> created(String accountId) {
        return log.events(Topics.MONITORING, MonitorCreated.class).stream()
                .filter(event -> accountId.equals(event.accountId())).toList();
    }
}
