package io.mooring.monitor.dependency;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.mooring.events.Topics;
import io.mooring.events.monitoring.IncidentUpdated;
import io.mooring.events.provisioning.AccountPlaced;
import io.mooring.events.provisioning.HostRegistered;
import io.mooring.events.provisioning.ResourceReady;
import io.mooring.monitor.TestServers;
import io.mooring.monitor.incident.IncidentUpdates;
import io.mooring.monitor.state.CheckStatus;
import io.mooring.monitor.state.CheckStatuses;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.EventTopics;
import io.mooring.testing.MovableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alert grouping on real Kafka and Postgres: a host's tcp monitor and the monitors of the resources of
 * the accounts placed on it, all pointed at a closed port, checked as the test moves time. The host
 * opens the incident; its dependents go DOWN into its timeline; once it recovers they open their own.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DependencyIT implements TestPropertyProvider {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final int CLOSED_PORT = closedPort();

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;
    @Inject
    CheckStatuses statuses;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    private ApiClient api;
    private EventTopics log;
    private ServerSocket listening;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("test.clock", "movable");
        properties.put("mooring.scheduler.tick", "50ms");
        properties.put("mooring.monitor.provisioned-interval", INTERVAL.toSeconds() + "s");
        properties.put("mooring.monitor.host-port", String.valueOf(CLOSED_PORT));
        return properties;
    }

    @BeforeAll
    void start() throws IOException {
        clock.set(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        api = new ApiClient(HttpClient.create(server.getURL()), null);
        log = new EventTopics();
        listening = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    }

    @AfterAll
    void stop() throws IOException {
        listening.close();
        log.close();
    }

    @Test
    void dependentsOfADownHostGoDownIntoItsIncidentAndOpenTheirOwnOnceItIsBack() {
        String hostId = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        // the first account is placed after its resource and the host are known, the second before its resource
        log.send(provisioned(new HostRegistered(hostId, "127.0.0.1", "par1", 8, 32_768, 1_000, Map.of())));
        log.send(provisioned(new ResourceReady(first, UUID.randomUUID().toString(), "site", "blog",
                "http://127.0.0.1:" + CLOSED_PORT + "/")));
        log.send(provisioned(new AccountPlaced(first, hostId)));
        log.send(provisioned(new AccountPlaced(second, hostId)));
        log.send(provisioned(new ResourceReady(second, UUID.randomUUID().toString(), "postgres-database", "shop",
                "postgres://127.0.0.1:" + CLOSED_PORT + "/shop")));

        UUID site = UUID.fromString(awaitMonitor(first).get("id").asText());
        UUID database = UUID.fromString(awaitMonitor(second).get("id").asText());
        UUID host = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT id FROM monitor WHERE provisioned_for = ?", ps -> {
                    ps.setString(1, "host:" + hostId);
                    try (ResultSet row = ps.executeQuery()) {
                        assertThat(row.next()).isTrue();
                        return row.getObject(1, UUID.class);
                    }
                }));
        await().atMost(PATIENCE).until(() -> dependsOn(site).equals(List.of(host)) && dependsOn(database).equals(List.of(host)));
        assertThat(dependsOn(host)).isEmpty();
        // the dependents fail one check later than the host, so the host is DOWN first
        patch(site, "{\"failureThreshold\": 3}");
        patch(database, "{\"failureThreshold\": 3}");

        check(host, site, database);
        check(host, site, database);
        assertThat(state(host)).isEqualTo("DOWN");
        assertThat(state(site)).as("two failures of three").isEqualTo("UNKNOWN");
        check(host, site, database);
        assertThat(state(site)).isEqualTo("DOWN");
        assertThat(state(database)).isEqualTo("DOWN");
        assertThat(incidents(site)).isEmpty();
        assertThat(incidents(database)).isEmpty();
        assertThat(lastReason(site)).isEqualTo("depends on host 127.0.0.1 which is down");
        assertThat(lastReason(database)).isEqualTo("depends on host 127.0.0.1 which is down");
        List<JsonNode> hostIncidents = incidents(host);
        assertThat(hostIncidents).hasSize(1);
        List<String> timeline = hostIncidents.getFirst().get("timeline").findValuesAsText("message");
        assertThat(timeline).contains("also down: site blog", "also down: postgres-database shop");
        assertThat(hostIncidents.getFirst().get("timeline").findValuesAsText("kind")).containsExactly("opened", "also-down", "also-down");
        // each dependent joining the host's incident is an IncidentUpdated of the host's monitor
        List<IncidentUpdated> joined = IncidentUpdates.expected(hostIncidents.getFirst());
        assertThat(joined).extracting(IncidentUpdated::message)
                .containsExactlyInAnyOrder("also down: site blog", "also down: postgres-database shop");
        assertThat(joined).allMatch(e -> e.kind().equals("also-down") && e.accountId() == null && e.openSeconds() == INTERVAL.toSeconds());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(log.events(Topics.MONITORING, IncidentUpdated.class))
                .filteredOn(e -> e.monitorId().equals(host.toString())).containsExactlyInAnyOrderElementsOf(joined));

        // the host answers again; its dependents, still failing, get incidents of their own
        patch(host, "{\"target\": \"127.0.0.1:" + listening.getLocalPort() + "\"}");
        check(host, site, database);
        assertThat(state(host)).isEqualTo("UP");
        assertThat(incidents(host).getFirst().get("state").asText()).isEqualTo("resolved");
        check(host, site, database);
        for (UUID dependent : List.of(site, database)) {
            List<JsonNode> own = incidents(dependent);
            assertThat(own).as("one incident of its own").hasSize(1);
            assertThat(own.getFirst().get("state").asText()).isEqualTo("open");
            // its own failure, as its last check saw it
            assertThat(own.getFirst().get("timeline").get(0).get("message").asText())
                    .isEqualTo(api.as(READ_TOKEN).get("/v1/monitors/" + dependent).tree().get("lastCheck").get("reason").asText());
            assertThat(state(dependent)).isEqualTo("DOWN");
        }
    }

    private List<UUID> dependsOn(UUID monitor) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT depends_on FROM monitor_dependency WHERE monitor_id = ?", ps -> {
                    ps.setObject(1, monitor);
                    List<UUID> found = new ArrayList<>();
                    try (ResultSet row = ps.executeQuery()) {
                        while (row.next()) {
                            found.add(row.getObject(1, UUID.class));
                        }
                    }
                    return found;
                }));
    }

    /** Moves time one interval on and waits until each monitor's check of that slot is recorded. */
    private void check(UUID... ids) {
        clock.advance(INTERVAL);
        for (UUID id : ids) {
            await().atMost(PATIENCE).until(() -> statuses.find(id).map(CheckStatus::checkedAt),
                    checked -> checked.equals(Optional.of(clock.instant())));
        }
    }

    private JsonNode awaitMonitor(String accountId) {
        return await().atMost(PATIENCE).until(() -> api.as(READ_TOKEN).get("/v1/monitors?limit=200&accountId=" + accountId)
                .tree().get("items"), items -> items.size() == 1).get(0);
    }

    private void patch(UUID id, String body) {
        Reply patched = api.as(OPERATOR_TOKEN).send(HttpRequest.PATCH("/v1/monitors/" + id, body));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
    }

    private String state(UUID id) {
        return api.as(READ_TOKEN).get("/v1/monitors/" + id).tree().get("state").asText();
    }

    private String lastReason(UUID id) {
        JsonNode items = api.as(READ_TOKEN).get("/v1/monitors/" + id + "/states").tree().get("items");
        return items.get(items.size() - 1).get("reason").asText();
    }

    private List<JsonNode> incidents(UUID id) {
        Reply page = api.as(READ_TOKEN).get("/v1/monitors/" + id + "/incidents?limit=200");
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        page.tree().get("items").forEach(found::add);
        return found;
    }

    private static EventEnvelope provisioned(MooringEvent data) {
        return EventEnvelope.of("provisioner", data, Clock.systemUTC());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
