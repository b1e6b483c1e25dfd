package io.mooring.monitor.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.monitor.TestServers;
import io.mooring.monitor.probe.ProbeResult;
import io.mooring.monitor.probe.ProbeStatus;
import io.mooring.monitor.state.CheckOutcomes;
import io.mooring.monitor.state.CheckOutcomes.Checked;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.MovableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Results written by the result writer ({@link CheckOutcomes#recordAll}) are rolled up per 5 minutes, hour and day
 * with their latencies' histograms; {@code GET /v1/monitors/{id}/uptime} merges them into percentiles per window, and
 * each level is pruned past its own retention. The scheduler is off: the results are the test's own, at known times.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LatencyRollupIT implements TestPropertyProvider {
    private static final Instant NOW = Instant.parse("2026-06-15T12:02:30Z");

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;
    @Inject
    CheckOutcomes outcomes;
    @Inject
    CheckRollups rollups;
    @Inject
    UptimePruner pruner;
    @Inject
    TransactionOperations<Connection> transactions;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("test.clock", "movable");
        properties.put("mooring.scheduler.enabled", "false");
        return properties;
    }

    @BeforeAll
    void start() {
        api = new ApiClient(HttpClient.create(server.getURL()), null);
        clock.set(NOW);
    }

    @Test
    void percentilesOfEachWindowAreMergedFromTheHistogramsOfItsLevel() {
        UUID first = create();
        UUID second = create();
        // 200 days ago: 10 checks of 240 ms (only in the 365-day window)
        for (int i = 0; i < 10; i++) {
            record(first, second, ProbeStatus.UP, 240, NOW.minus(Duration.ofDays(200)).plusSeconds(60L * i));
        }
        // 20 days ago: 200 checks of 150 ms (from 30 days on)
        for (int i = 0; i < 200; i++) {
            record(first, second, ProbeStatus.UP, 150, NOW.minus(Duration.ofDays(20)).plusSeconds(10L * i));
        }
        // 3 days ago: 100 checks of 200 ms in one 5-minute bucket (from 7 days on)
        for (int i = 0; i < 100; i++) {
            record(first, second, ProbeStatus.UP, 200, NOW.minus(Duration.ofDays(3)).plusSeconds(i));
        }
        // the last 24 hours: 1 to 100 ms, five minutes apart, the last one degraded; one failure that timed out
        for (int ms = 1; ms <= 100; ms++) {
            Instant at = NOW.minus(Duration.ofMinutes(5L * (100 - ms)));
            if (ms == 100) {
                record(first, second, ProbeStatus.DOWN, 10_000, at.minusSeconds(60));
            }
            record(first, second, ms == 100 ? ProbeStatus.DEGRADED : ProbeStatus.UP, ms, at);
        }

        for (UUID monitor : List.of(first, second)) {
            Reply reply = api.as(READ_TOKEN).get("/v1/monitors/" + monitor + "/uptime");
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            JsonNode windows = reply.tree().get("windows");
            assertThat(windows.fieldNames()).toIterable().containsExactly("24h", "7d", "30d", "365d");

            assertWindow(windows.get("24h"), 101, 99, 1, 1, new long[] {50, 95, 99, 100});
            assertThat(windows.get("24h").get("uptimePercent").asDouble()).isCloseTo(100.0 * 100 / 101, within(1e-9));
            assertThat(windows.get("24h").get("from").asText()).isEqualTo("2026-06-14T12:05:00Z");
            assertWindow(windows.get("7d"), 201, 199, 1, 1, new long[] {100, 200, 200, 200});
            assertWindow(windows.get("30d"), 401, 399, 1, 1, new long[] {150, 200, 200, 200});
            assertWindow(windows.get("365d"), 411, 409, 1, 1, new long[] {150, 200, 240, 240});
        }
    }

    @Test
    void windowsWithoutChecksHaveNoUptimeAndNoLatency() {
        UUID quiet = create();

        JsonNode window = api.as(READ_TOKEN).get("/v1/monitors/" + quiet + "/uptime").tree().get("windows").get("30d");

        assertThat(window.get("checks").asLong()).isZero();
        assertThat(window.has("uptimePercent")).isFalse();
        assertThat(window.has("latencyMillis")).isFalse();
    }

    @Test
    void refusesUnknownMonitorsBadIdsAndCallsWithoutAToken() {
        Reply unknown = api.as(READ_TOKEN).get("/v1/monitors/" + UUID.randomUUID() + "/uptime");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        Reply bad = api.as(READ_TOKEN).get("/v1/monitors/not-a-uuid/uptime");
        assertThat(bad.status()).as(bad.text()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");

        assertThat(api.get("/v1/monitors/" + create() + "/uptime").status()).isEqualTo(401);
    }

    @Test
    void prunesEachLevelPastItsOwnRetention() {
        UUID monitor = create();
        List<Instant> checks = List.of(
                Instant.parse("2025-06-15T23:59:59Z"), Instant.parse("2025-06-16T00:00:00Z"),  // 365 days
                Instant.parse("2026-05-16T12:59:59Z"), Instant.parse("2026-05-16T13:00:00Z"),  // 30 days of hours
                Instant.parse("2026-06-14T12:04:59Z"), Instant.parse("2026-06-14T12:05:00Z")); // 24 h of 5 minutes
        transactions.executeWrite(status -> {
            rollups.count(checks.stream().map(at -> new CountedCheck(monitor, at, ProbeStatus.UP, 5L)).toList());
            return null;
        });
        assertThat(starts(RollupLevel.FIVE_MINUTES, monitor)).hasSize(6);

        assertThat(pruner.prune()).isPositive();

        assertThat(starts(RollupLevel.FIVE_MINUTES, monitor)).containsExactly("2026-06-14T12:05:00Z");
        assertThat(starts(RollupLevel.HOUR, monitor)).containsExactly("2026-05-16T13:00:00Z", "2026-06-14T12:00:00Z");
        assertThat(starts(RollupLevel.DAY, monitor))
                .containsExactly("2025-06-16T00:00:00Z", "2026-05-16T00:00:00Z", "2026-06-14T00:00:00Z");
    }

    private static void assertWindow(JsonNode window, long checks, long passed, long degraded, long failed, long[] latencies) {
        assertThat(new long[] {window.get("checks").asLong(), window.get("passed").asLong(),
                window.get("degraded").asLong(), window.get("failed").asLong()})
                .as("checks, passed, degraded, failed").containsExactly(checks, passed, degraded, failed);
        JsonNode latency = window.get("latencyMillis");
        assertThat(new long[] {latency.get("p50").asLong(), latency.get("p95").asLong(), latency.get("p99").asLong(),
                latency.get("max").asLong()}).as("p50, p95, p99, max").containsExactly(latencies);
    }

    /** One result of each monitor, written as one batch of the writer. */
    private void record(UUID first, UUID second, ProbeStatus status, long latencyMillis, Instant at) {
        ProbeResult result = new ProbeResult(status, Duration.ofMillis(latencyMillis), "checked", null);
        outcomes.recordAll(List.of(new Checked(first, result, at), new Checked(second, result, at)));
    }

    private List<String> starts(RollupLevel level, UUID monitor) {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT extract(epoch FROM %s)::bigint FROM %s WHERE monitor_id = ? ORDER BY 1"
                            .formatted(level.key(), level.table()))) {
                ps.setObject(1, monitor);
                List<String> starts = new ArrayList<>();
                try (ResultSet row = ps.executeQuery()) {
                    while (row.next()) {
                        starts.add(Instant.ofEpochSecond(row.getLong(1)).toString());
                    }
                }
                return starts;
            }
        });
    }

    private UUID create() {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "latency-%s", "kind": "tcp", "target": "127.0.0.1:9", "intervalSeconds": 60}"""
                .formatted(UUID.randomUUID()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return UUID.fromString(created.tree().get("id").asText());
    }
}
