package io.mooring.monitor.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.monitor.TestServers;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.MovableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checks run by the scheduler against a real HTTP target are counted in per-day buckets in Postgres,
 * in the transaction that records them, and in the finer buckets that {@code GET /v1/monitors/{id}/uptime} reads
 * (percentiles and pruning per level: {@link LatencyRollupIT}).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UptimeRollupIT implements TestPropertyProvider {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;
    @Inject
    UptimeDays days;

    private ApiClient api;
    private HttpServer target;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
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
            String path = exchange.getRequestURI().getPath();
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(path.startsWith("/fail") ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        });
        target.start();
    }

    @AfterAll
    void stop() {
        target.stop(0);
    }

    @Test
    void countsEveryCheckInItsMonitorsDay() {
        String ok = "/ok-" + UUID.randomUUID();
        String fail = "/fail-" + UUID.randomUUID();
        UUID up = create(ok);
        UUID down = create(fail);
        LocalDate firstDay = UptimeDays.dayOf(clock.instant());

        for (int round = 1; round <= 3; round++) {
            clock.advance(INTERVAL);
            int expected = round;
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(hits(ok)).isEqualTo(expected);
                assertThat(hits(fail)).isEqualTo(expected);
            });
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<UUID, List<UptimeDay>> counted = days.since(List.of(up, down), firstDay);
            assertThat(sum(counted.get(up))).isEqualTo(new int[] {3, 3, 0, 0});
            assertThat(sum(counted.get(down))).isEqualTo(new int[] {3, 0, 0, 3});
            assertThat(UptimeDay.uptimePercent(counted.get(up))).isEqualTo(100.0);
            assertThat(UptimeDay.uptimePercent(counted.get(down))).isEqualTo(0.0);
            assertThat(counted.get(up)).allSatisfy(day -> assertThat(day.latencyMaxMillis())
                    .isLessThanOrEqualTo(day.latencyTotalMillis()));
        });
        // the finer levels count the same checks: latencies of the answered ones only
        JsonNode upDay = api.as(READ_TOKEN).get("/v1/monitors/" + up + "/uptime").tree().get("windows").get("24h");
        assertThat(upDay.get("checks").asInt()).isEqualTo(3);
        assertThat(upDay.get("uptimePercent").asDouble()).isEqualTo(100.0);
        assertThat(upDay.get("latencyMillis").get("max").asLong()).isGreaterThanOrEqualTo(upDay.get("latencyMillis").get("p50").asLong());
        JsonNode downMonth = api.as(READ_TOKEN).get("/v1/monitors/" + down + "/uptime").tree().get("windows").get("30d");
        assertThat(downMonth.get("failed").asInt()).isEqualTo(3);
        assertThat(downMonth.get("uptimePercent").asDouble()).isEqualTo(0.0);
        assertThat(downMonth.has("latencyMillis")).isFalse();
    }

    private static int[] sum(List<UptimeDay> counted) {
        int[] sums = new int[4];
        for (UptimeDay day : counted) {
            sums[0] += day.checks();
            sums[1] += day.passed();
            sums[2] += day.degraded();
            sums[3] += day.failed();
        }
        return sums;
    }

    private int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    private UUID create(String path) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "%s", "kind": "http", "target": "http://127.0.0.1:%d%s", "intervalSeconds": 10,
                 "failureThreshold": 1}""".formatted(path, target.getAddress().getPort(), path));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return UUID.fromString(created.tree().get("id").asText());
    }
}
