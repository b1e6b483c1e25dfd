package io.mooring.monitor.schedule;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.monitor.TestServers;
import io.mooring.monitor.probe.ProbeResult;
import io.mooring.monitor.rollup.UptimeDay;
import io.mooring.monitor.rollup.UptimeDays;
import io.mooring.monitor.state.CheckOutcomes;
import io.mooring.stack.Servers;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.MovableClock;
import io.mooring.testing.TcpRelay;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's own Postgres going away behind a relay: the API answers 503, checks go on (the schedule is in Redis),
 * and their results wait in Redis until it is back, then are recorded, each once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckFaultsIT implements TestPropertyProvider {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final TcpRelay POSTGRES = new TcpRelay(new InetSocketAddress(Servers.postgres().host(), Servers.postgres().port()));

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;
    @Inject
    CheckResultWriter writer;
    @Inject
    CheckOutcomes outcomes;
    @Inject
    UptimeDays days;
    @Inject
    MeterRegistry meters;
    @Inject
    ResultStream stream;

    private ApiClient api;
    private HttpServer target;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger heldHits = new AtomicInteger();
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));

    @Override
    public Map<String, String> getProperties() {
        POSTGRES.start();
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("mooring.pg.host", "127.0.0.1");
        properties.put("mooring.pg.port", Integer.toString(POSTGRES.port()));
        properties.put("test.clock", "movable");
        properties.put("mooring.scheduler.tick", "50ms");
        return properties;
    }

    @BeforeAll
    void start() throws IOException {
        api = new ApiClient(HttpClient.create(server.getURL()), null);
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes());
            }
        });
        // answers once the gate opens, so that checks are in flight when the store goes
        target.createContext("/held/", exchange -> {
            heldHits.incrementAndGet();
            try {
                gate.get().await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes());
            }
        });
        target.start();
    }

    @AfterAll
    void stop() {
        POSTGRES.start();
        target.stop(0);
    }

    @Test
    void checksGoOnWhileTheServicesPostgresIsAway() {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "web-%s", "kind": "http", "target": "http://127.0.0.1:%d/", "intervalSeconds": 10, "timeoutSeconds": 5}"""
                .formatted(UUID.randomUUID(), target.getAddress().getPort()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.tree().get("id").asText();
        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(hits.get()).isEqualTo(1));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + id).tree().get("state").asText()).isEqualTo("UP"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stream.pending()).isZero());

        POSTGRES.stop();
        try {
            Reply away = api.as(READ_TOKEN).get("/v1/monitors/" + id);
            assertThat(away.status()).as(away.text()).isEqualTo(503);
            assertThat(away.contentType()).startsWith("application/problem+json");
            // each interval is checked while Postgres is away, and the results wait in Redis
            clock.advance(INTERVAL);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(hits.get()).isEqualTo(2));
            clock.advance(INTERVAL);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(hits.get()).isEqualTo(3));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(stream.pending()).isEqualTo(2));
        } finally {
            POSTGRES.start();
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            Reply shown = api.as(READ_TOKEN).get("/v1/monitors/" + id);
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.tree().at("/lastCheck/consecutiveSuccesses").asInt()).isEqualTo(3);
        });
        assertThat(checks(UUID.fromString(id))).isEqualTo(3);
        assertThat(stream.pending()).isZero();
        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(hits.get()).isEqualTo(4));
    }

    @Test
    void recordsEachCheckInFlightOnceWhenPostgresComesBack() {
        int count = 5;
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(createMonitor("/held/" + i));
        }
        CountDownLatch held = new CountDownLatch(1);
        gate.set(held);
        double retriesBefore = retries();
        try {
            clock.advance(INTERVAL);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(heldHits.get()).isEqualTo(count));

            POSTGRES.stop();
            held.countDown();
            // the results wait while the writer retries
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(retries()).isGreaterThanOrEqualTo(retriesBefore + 3));
            POSTGRES.start();

            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<UUID, List<UptimeDay>> counted = days.since(ids, UptimeDays.dayOf(clock.instant()).minusDays(1));
                assertThat(ids).allSatisfy(id -> assertThat(counted.get(id)).as("days of %s", id)
                        .singleElement().extracting(UptimeDay::checks).isEqualTo(1));
            });
            for (UUID id : ids) {
                Reply shown = api.as(READ_TOKEN).get("/v1/monitors/" + id);
                assertThat(shown.tree().get("state").asText()).isEqualTo("UP");
                assertThat(shown.tree().at("/lastCheck/consecutiveSuccesses").asInt()).isEqualTo(1);
            }
            assertThat(heldHits.get()).as("checks the target saw").isEqualTo(count);
        } finally {
            held.countDown();
            POSTGRES.start();
            ids.forEach(id -> api.as(OPERATOR_TOKEN).delete("/v1/monitors/" + id));
        }
    }

    @Test
    void aRetriedWriteCountsAResultCommittedBeforeOnce() {
        UUID id = createMonitor("/unchecked");
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CheckOutcomes.Checked checked = new CheckOutcomes.Checked(id, ProbeResult.up(Duration.ofMillis(3), "HTTP 200"), at);
        outcomes.recordAll(List.of(checked));
        // its answer lost with the connection (or another replica's writer took over): written again
        outcomes.recordAll(List.of(checked));
        assertThat(checks(id)).isEqualTo(1);

        outcomes.recordAll(List.of(new CheckOutcomes.Checked(id, checked.result(), at.plusSeconds(10))));
        assertThat(checks(id)).isEqualTo(2);
        // an older result, written after the newer one by a writer that lost its lease, was recorded before it
        outcomes.recordAll(List.of(new CheckOutcomes.Checked(id, checked.result(), at.plusSeconds(5))));
        assertThat(checks(id)).isEqualTo(2);
        assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + id).tree().at("/lastCheck/consecutiveSuccesses").asInt())
                .isEqualTo(2);
        api.as(OPERATOR_TOKEN).delete("/v1/monitors/" + id);
    }

    @Test
    void skipsOnlyTheResultTheStoreRefuses() throws InterruptedException {
        UUID first = createMonitor("/unchecked");
        UUID refusedOne = createMonitor("/unchecked");
        UUID last = createMonitor("/unchecked");
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        double refusedBefore = meters.counter("mooring.monitor.results.refused").count();
        writer.write(List.of(
                new CheckOutcomes.Checked(first, ProbeResult.up(Duration.ofMillis(3), "HTTP 200"), at),
                // Postgres refuses NUL in text for good
                new CheckOutcomes.Checked(refusedOne, ProbeResult.down(Duration.ofMillis(3), "bad \u0000 reason"), at),
                new CheckOutcomes.Checked(last, ProbeResult.up(Duration.ofMillis(3), "HTTP 200"), at)));

        assertThat(checks(first)).isEqualTo(1);
        assertThat(checks(refusedOne)).isZero();
        assertThat(checks(last)).isEqualTo(1);
        assertThat(meters.counter("mooring.monitor.results.refused").count()).isEqualTo(refusedBefore + 1);
        List.of(first, refusedOne, last).forEach(id -> api.as(OPERATOR_TOKEN).delete("/v1/monitors/" + id));
    }

    private UUID createMonitor(String path) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "held-%s", "kind": "http", "target": "http://127.0.0.1:%d%s", "intervalSeconds": 10, "timeoutSeconds": 10}"""
                .formatted(UUID.randomUUID(), target.getAddress().getPort(), path));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return UUID.fromString(created.tree().get("id").asText());
    }

    private int checks(UUID id) {
        return days.since(List.of(id), UptimeDays.dayOf(clock.instant()).minusDays(1)).getOrDefault(id, List.of()).stream()
                .mapToInt(UptimeDay::checks).sum();
    }

    private double retries() {
        return meters.counter("mooring.monitor.result.write.retries").count();
    }
}
