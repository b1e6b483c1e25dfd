package io.mooring.monitor.schedule;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.http.client.HttpClient;
import io.mooring.monitor.TestServers;
import io.mooring.monitor.state.CheckStatus;
import io.mooring.monitor.state.CheckStatuses;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.MovableClock;
import io.mooring.stack.PostgresServer;
import io.mooring.stack.Servers;
import java.net.URI;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler against a real HTTP target, real Postgres and a clock moved by the test: each
 * monitor is checked once per interval, a slow target holds up no other, a paused monitor is not
 * checked, and a slot claimed elsewhere (another replica) is not checked here.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckSchedulerIT implements TestPropertyProvider {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;
    @Inject
    CheckQueue queue;
    @Inject
    CheckStatuses statuses;

    private ApiClient api;
    private HttpServer target;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("test.clock", "movable");
        properties.put("mooring.scheduler.tick", "50ms");
        // the shared Redis's certificate comes from the stack's own CA
        properties.put("mooring.scheduler.ca-files", Servers.redis().caCertificate().toString());
        return properties;
    }

    @BeforeAll
    void start() throws IOException {
        api = new ApiClient(HttpClient.create(server.getURL()), null);
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (path.startsWith("/slow")) {
                try {
                    releaseSlow.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();
    }

    @AfterAll
    void stop() {
        releaseSlow.countDown();
        target.stop(0);
    }

    @Test
    void checksEachMonitorOncePerIntervalAndRecordsWhatItFound() {
        List<String> paths = List.of("/a-" + UUID.randomUUID(), "/b-" + UUID.randomUUID(), "/c-" + UUID.randomUUID());
        List<UUID> ids = new ArrayList<>();
        paths.forEach(path -> ids.add(create(path, 10)));

        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> paths.forEach(path -> assertThat(hits(path)).as(path).isEqualTo(1)));
        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> paths.forEach(path -> assertThat(hits(path)).as(path).isEqualTo(2)));

        await().atMost(PATIENCE).untilAsserted(() -> {
            CheckStatus status = statuses.find(ids.getFirst()).orElseThrow();
            assertThat(status.outcome().name()).isEqualTo("UP");
            assertThat(status.reason()).startsWith("HTTP 200");
            assertThat(status.consecutiveSuccesses()).isEqualTo(2);
        });
        // the clock stands still: nothing is due, nothing more is checked
        assertThat(queue.claim(clock.instant(), 100)).extracting(due -> due.monitor().id()).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void aSlowTargetDelaysNoOtherCheck() {
        String slow = "/slow-" + UUID.randomUUID();
        String fast = "/fast-" + UUID.randomUUID();
        create(slow, 10);
        create(fast, 10);

        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(hits(slow)).isEqualTo(1);
            assertThat(hits(fast)).isEqualTo(1);
        });
    }

    @Test
    void aPausedMonitorIsNotChecked() {
        String paused = "/paused-" + UUID.randomUUID();
        String running = "/running-" + UUID.randomUUID();
        UUID pausedId = create(paused, 10);
        create(running, 10);
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors/" + pausedId + "/pause", "").status()).isEqualTo(200);

        clock.advance(INTERVAL);
        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(hits(running)).isEqualTo(1));
        // claims run in due order, so the paused monitor's slot was passed over by now
        assertThat(queue.claim(clock.instant(), 10_000)).extracting(due -> due.monitor().id()).doesNotContain(pausedId);
        assertThat(hits(paused)).isZero();
    }

    @Test
    void aSlotClaimedByAnotherReplicaIsNotCheckedHere() throws Exception {
        Map<UUID, String> paths = new ConcurrentHashMap<>();
        for (int i = 0; i < 30; i++) {
            String path = "/shared-" + i + "-" + UUID.randomUUID();
            paths.put(create(path, 10), path);
        }
        clock.advance(INTERVAL);
        // this test plays the other replica, claiming alongside the service's scheduler
        Set<UUID> claimedHere = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 20; round++) {
            queue.claim(clock.instant(), 2).forEach(due -> claimedHere.add(due.monitor().id()));
        }

        await().atMost(PATIENCE).untilAsserted(() -> paths.forEach((id, path) ->
                assertThat(hits(path) + (claimedHere.contains(id) ? 1 : 0)).as(path).isEqualTo(1)));
    }

    @Test
    void exposesCheckThroughputAndLagMetrics() {
        String path = "/metrics-" + UUID.randomUUID();
        create(path, 10);
        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(hits(path)).isEqualTo(1));

        Reply metrics = api.as(null).get("/prometheus");
        assertThat(metrics.text()).contains("mooring_monitor_checks_total{outcome=\"up\"}")
                .contains("mooring_monitor_schedule_lag_seconds")
                .contains("mooring_monitor_check_duration_seconds")
                .contains("mooring_monitor_checks_in_flight");
    }

    @Test
    void probesTheRealPostgresRedisAndTheirCertificateThroughTheSchedule() {
        PostgresServer postgres = Servers.postgres();
        URI redis = URI.create(Servers.redis().uri());
        UUID pg = createProbe("postgres", postgres.host() + ":" + postgres.port(), "{}");
        UUID cache = createProbe("redis", redis.getHost() + ":" + redis.getPort(), "{\"tls\": true}");
        UUID certificate = createProbe("tls", redis.getHost() + ":" + redis.getPort(), "{\"warnDays\": 30}");
        UUID plainToTls = createProbe("redis", redis.getHost() + ":" + redis.getPort(), "{\"tls\": false}");

        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(statuses.find(pg)).map(s -> s.outcome().name() + " " + s.reason()).hasValueSatisfying(
                    v -> assertThat(v).startsWith("UP PostgreSQL"));
            assertThat(statuses.find(cache)).map(s -> s.outcome().name()).hasValue("UP");
            assertThat(statuses.find(certificate)).map(CheckStatus::certificateDaysLeft).hasValueSatisfying(
                    days -> assertThat(days).isGreaterThan(30));
            assertThat(statuses.find(plainToTls)).map(s -> s.outcome().name()).hasValue("DOWN");
        });
    }

    private UUID createProbe(String kind, String target, String settings) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "%s-%s", "kind": "%s", "target": "%s", "intervalSeconds": 10, "timeoutSeconds": 3, "settings": %s}"""
                .formatted(kind, UUID.randomUUID(), kind, target, settings));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return UUID.fromString(created.tree().get("id").asText());
    }

    private int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    private UUID create(String path, int intervalSeconds) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "%s", "kind": "http", "target": "http://127.0.0.1:%d%s", "intervalSeconds": %d, "timeoutSeconds": 5}"""
                .formatted(path, target.getAddress().getPort(), path, intervalSeconds));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return UUID.fromString(created.tree().get("id").asText());
    }
}
