package io.mooring.monitor.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.events.provisioning.AccountDeleted;
import io.mooring.events.provisioning.HostRegistered;
import io.mooring.events.provisioning.HostRemoved;
import io.mooring.events.provisioning.ResourceDeleted;
import io.mooring.events.provisioning.ResourceReady;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountRestored;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.events.provisioning.AccountSuspended;
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
class AccountMonitorsIT implements TestPropertyProvider {
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @Inject
    EmbeddedServer server;

    private ApiClient api;
    private EventTopics log;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        // no check changes a state these tests watch
        properties.put("mooring.scheduler.enabled", "false");
        properties.put("mooring.monitor.host-port", "22");
        return properties;
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
    void aReadyAccountGetsNoAccountWideBackupHeartbeat() {
        String accountId = UUID.randomUUID().toString();
        log.send(accountReady(accountId, "harbour"));
        // per-policy heartbeats (mooring.backups) watch backups; a marker behind the ready event shows it was passed
        String marker = marker();
        awaitState(marker, "PAUSED");
        assertThat(monitors(accountId)).isEmpty();
    }

    @Test
    void suspensionAndDeletionPauseTheAccountsMonitorsAndResumeOnlyWhatTheyPaused() {
        String accountId = UUID.randomUUID().toString();
        String running = create(accountId, "web");
        String operatorPaused = create(accountId, "staging");
        assertThat(api.as(TestServers.OPERATOR_TOKEN).post("/v1/monitors/" + operatorPaused + "/pause").status()).isEqualTo(200);

        EventEnvelope suspended = EventEnvelope.of("provisioner", new AccountSuspended(accountId, "unpaid"), Clock.systemUTC());
        log.send(suspended);
        log.send(suspended);
        awaitState(running, "PAUSED");
        log.send(EventEnvelope.of("provisioner", new AccountResumed(accountId), Clock.systemUTC()));
        awaitState(running, "UNKNOWN");
        assertThat(state(operatorPaused)).isEqualTo("PAUSED");

        log.send(EventEnvelope.of("provisioner", new AccountDeleted(accountId, OffsetDateTime.now().plusDays(30)),
                Clock.systemUTC()));
        awaitState(running, "PAUSED");
        log.send(EventEnvelope.of("provisioner", new AccountRestored(accountId), Clock.systemUTC()));
        awaitState(running, "UNKNOWN");
        assertThat(state(operatorPaused)).isEqualTo("PAUSED");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(log.events(Topics.MONITORING, MonitorStateChanged.class))
                .filteredOn(e -> e.monitorId().equals(running)).extracting(e -> e.to() + " " + e.reason())
                .containsExactly("PAUSED account suspended: unpaid", "UNKNOWN account resumed",
                        "PAUSED account deleted", "UNKNOWN account restored"));
    }

    @Test
    void readySitesDatabasesAndHostsGetMonitorsDeletedWithThemButNotSitesThatNeverResolve() {
        String accountId = UUID.randomUUID().toString();
        String site = UUID.randomUUID().toString();
        String database = UUID.randomUUID().toString();
        String namespace = UUID.randomUUID().toString();
        EventEnvelope siteReady = provisioned(new ResourceReady(accountId, site, "site", "blog", "https://blog.example.org/"));
        log.send(siteReady);
        log.send(siteReady);
        // a name under a reserved top-level domain never resolves: no monitor that can only fail
        log.send(provisioned(new ResourceReady(accountId, UUID.randomUUID().toString(), "site", "demo",
                "https://demo.mooring.test")));
        log.send(provisioned(new ResourceReady(accountId, database, "postgres-database", "shop",
                "postgres://db-2.par1.example.net:6432/acct_42_shop")));
        log.send(provisioned(new ResourceReady(accountId, namespace, "redis-namespace", "cache",
                "rediss://cache.par1.example.net:6380")));
        String hostId = UUID.randomUUID().toString();
        log.send(provisioned(new HostRegistered(hostId, "host-" + hostId + ".par1.example.net", "par1", 8, 32_768, 1_000, Map.of())));
        awaitState(marker(), "PAUSED");

        List<JsonNode> found = monitors(accountId);
        assertThat(found).extracting(m -> m.get("name").asText() + " " + m.get("kind").asText() + " " + m.get("target").asText())
                .containsExactly("site blog http https://blog.example.org/",
                        "postgres-database shop postgres db-2.par1.example.net:6432");
        assertThat(found.get(1).get("settings").get("database").asText()).isEqualTo("acct_42_shop");
        JsonNode host = platformMonitor("host host-" + hostId + ".par1.example.net");
        assertThat(host.get("kind").asText()).isEqualTo("tcp");
        assertThat(host.get("target").asText()).isEqualTo("host-" + hostId + ".par1.example.net:22");

        log.send(provisioned(new ResourceDeleted(accountId, site, "site")));
        log.send(provisioned(new HostRemoved(hostId)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(monitors(accountId))
                .extracting(m -> m.get("name").asText()).containsExactly("postgres-database shop"));
        assertThat(api.as(TestServers.READ_TOKEN).get("/v1/monitors/" + host.get("id").asText()).status()).isEqualTo(404);
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
        // a marker behind the samples on the same partition shows they were passed
        awaitState(marker(), "PAUSED");
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
        awaitState(marker(), "PAUSED");
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
        String monitorId = create(accountId, "wharf");

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

    private static EventEnvelope provisioned(io.mooring.events.MooringEvent data) {
        return EventEnvelope.of("provisioner", data, Clock.systemUTC());
    }

    private JsonNode platformMonitor(String name) {
        Reply answer = api.as(TestServers.READ_TOKEN).get("/v1/monitors?limit=200&kind=tcp");
        for (JsonNode monitor : answer.tree().get("items")) {
            if (monitor.get("name").asText().equals(name)) {
                return monitor;
            }
        }
        throw new AssertionError("no platform monitor named " + name + " in " + answer.text());
    }

    /** A monitor of a new account, and that account's suspension behind what was sent so far: its monitor pauses when the suspension is applied. */
    private String marker() {
        String accountId = UUID.randomUUID().toString();
        String id = create(accountId, "marker");
        log.send(EventEnvelope.of("provisioner", new AccountSuspended(accountId, "marker"), Clock.systemUTC()));
        return id;
    }

    private String create(String accountId, String name) {
        Reply created = api.as(TestServers.OPERATOR_TOKEN).post("/v1/monitors", """
                {"accountId": "%s", "name": "%s", "kind": "tcp", "target": "127.0.0.1:9", "intervalSeconds": 60}"""
                .formatted(accountId, name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.tree().get("id").asText();
    }

    private String state(String id) {
        return api.as(TestServers.READ_TOKEN).get("/v1/monitors/" + id).tree().get("state").asText();
    }

    private void awaitState(String id, String state) {
        await().atMost(PATIENCE).until(() -> state(id), state::equals);
    }
}
