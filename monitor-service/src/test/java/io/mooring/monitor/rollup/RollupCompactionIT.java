package io.mooring.monitor.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The result writer counts checks in 5-minute buckets only, and {@link RollupCompactor} folds closed ones into hours
 * and days: the windows, the status page's days and the pruning read the same figures before, during and after a
 * fold; a result written late for a bucket already folded lands in its hour and day once; compactors racing each
 * other and the writer fold every bucket once; a scheduled run takes at most its slices and the next runs go on.
 * Slices of 2 monitors, so that a fold takes several transactions, 3 of them a run; the scheduled compaction waits an
 * hour, so the test's own calls are the only ones.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollupCompactionIT implements TestPropertyProvider {
    private static final Instant NOW = Instant.parse("2026-06-15T12:02:30Z");
    /** Where each test starts the compaction from: before any of its checks. */
    private static final Instant MARK = Instant.parse("2025-01-01T00:00:00Z");

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;
    @Inject
    CheckOutcomes outcomes;
    @Inject
    RollupCompactor compactor;
    @Inject
    UptimePruner pruner;
    @Inject
    UptimeDays days;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("test.clock", "movable");
        properties.put("mooring.scheduler.enabled", "false");
        properties.put("mooring.uptime.compact-monitors", "2");
        properties.put("mooring.uptime.compact-slices-per-run", "3");
        properties.put("mooring.uptime.compact-interval", "1h");
        properties.put("mooring.uptime.compact-initial-delay", "1h");
        properties.put("mooring.uptime.prune-initial-delay", "1h");
        return properties;
    }

    @BeforeAll
    void start() {
        api = new ApiClient(HttpClient.create(server.getURL()), null);
    }

    @BeforeEach
    void startFromTheMark() {
        clock.set(NOW);
        sql("DELETE FROM monitor; UPDATE monitor_uptime_compaction SET compacted_until = '" + MARK
                + "', compacting_until = NULL, compacted_through = NULL");
    }

    @Test
    void windowsAndDaysAreTheSameBeforeDuringAndAfterAFold() {
        List<UUID> monitors = List.of(create(), create(), create(), create(), create());
        // 200 days ago: 240 ms; 20 days ago: 150 ms; 3 days ago: 200 ms in one 5-minute bucket; the last 24 hours: 1 to
        // 100 ms five minutes apart, the last one degraded, one failure before it (as LatencyRollupIT's)
        for (int i = 0; i < 10; i++) {
            record(monitors, ProbeStatus.UP, 240, NOW.minus(Duration.ofDays(200)).plusSeconds(60L * i));
        }
        for (int i = 0; i < 200; i++) {
            record(monitors, ProbeStatus.UP, 150, NOW.minus(Duration.ofDays(20)).plusSeconds(10L * i));
        }
        for (int i = 0; i < 100; i++) {
            record(monitors, ProbeStatus.UP, 200, NOW.minus(Duration.ofDays(3)).plusSeconds(i));
        }
        for (int ms = 1; ms <= 100; ms++) {
            Instant at = NOW.minus(Duration.ofMinutes(5L * (100 - ms)));
            if (ms == 100) {
                record(monitors, ProbeStatus.DOWN, 10_000, at.minusSeconds(60));
            }
            record(monitors, ms == 100 ? ProbeStatus.DEGRADED : ProbeStatus.UP, ms, at);
        }
        assertThat(count("monitor_uptime_hour") + count("monitor_uptime_day")).as("hours and days written").isZero();
        Map<UUID, JsonNode> unfolded = windowsOf(monitors);
        Map<UUID, List<UptimeDay>> unfoldedDays = daysOf(monitors);
        for (UUID monitor : monitors) {
            JsonNode windows = unfolded.get(monitor);
            assertWindow(windows.get("24h"), 101, 99, 1, 1, new long[] {50, 95, 99, 100});
            assertWindow(windows.get("7d"), 201, 199, 1, 1, new long[] {100, 200, 200, 200});
            assertWindow(windows.get("30d"), 401, 399, 1, 1, new long[] {150, 200, 200, 200});
            assertWindow(windows.get("365d"), 411, 409, 1, 1, new long[] {150, 200, 240, 240});
            assertThat(unfoldedDays.get(monitor).stream().mapToInt(UptimeDay::checks).sum()).isEqualTo(411);
        }

        // one slice of 2 monitors per transaction: after each, every monitor reads as before
        Instant until = RollupLevel.FIVE_MINUTES.bucketOf(NOW.minus(Duration.ofMinutes(1)));
        int transactionsTaken = 0;
        RollupCompactor.Step step;
        do {
            step = compactor.next(until);
            transactionsTaken++;
            assertThat(windowsOf(monitors)).as("windows after fold %d", transactionsTaken).isEqualTo(unfolded);
            assertThat(daysOf(monitors)).as("days after fold %d", transactionsTaken).isEqualTo(unfoldedDays);
        } while (step.more());

        assertThat(transactionsTaken).as("slices of 2 of 5 monitors over several ranges").isGreaterThan(6);
        assertThat(mark()).isEqualTo(new CompactionMark(until, null, null));
        assertThat(count("monitor_uptime_hour")).isPositive();
        // all but the 2 checks of each monitor's bucket from 12:00, which has not ended a minute ago
        assertThat(sumChecks("monitor_uptime_hour")).isEqualTo(5 * 409);
        assertThat(sumChecks("monitor_uptime_day")).isEqualTo(5 * 409);
        assertThat(compactor.compact()).as("nothing left to fold").isZero();
    }

    @Test
    void aScheduledRunFoldsAtMostItsSlicesAndTheNextRunsGoOnWhereItStopped() {
        List<UUID> monitors = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            monitors.add(create());
        }
        // two checks in the bucket of 09:00 and one in that of 11:00: two ranges, each in 4 slices of 2 monitors (the
        // last of 1), and a last transaction finding nothing more
        record(monitors, ProbeStatus.UP, 20, NOW.minus(Duration.ofHours(3)));
        record(monitors, ProbeStatus.DOWN, 3_000, NOW.minus(Duration.ofHours(3)).plusSeconds(60));
        record(monitors, ProbeStatus.UP, 40, NOW.minus(Duration.ofHours(1)));
        Map<UUID, JsonNode> unfolded = windowsOf(monitors);
        Map<UUID, List<UptimeDay>> unfoldedDays = daysOf(monitors);
        List<UUID> inUuidOrder = new ArrayList<>(monitors);
        inUuidOrder.sort(CompactionMark::compareAsPostgres);

        RollupCompactor.Run first = compactor.run();
        assertThat(first).as("3 slices of 2 monitors, a bucket each")
                .isEqualTo(new RollupCompactor.Run(6, 3, true));
        assertThat(mark()).isEqualTo(new CompactionMark(Instant.parse("2026-06-15T09:00:00Z"),
                Instant.parse("2026-06-15T10:00:00Z"), inUuidOrder.get(5)));
        assertThat(foldedMonitors()).as("monitors with hours after one run: at most 3 slices of 2")
                .containsExactlyInAnyOrderElementsOf(inUuidOrder.subList(0, 6));
        assertThat(sumChecks("monitor_uptime_hour")).isEqualTo(6 * 2);
        assertThat(windowsOf(monitors)).as("windows after one run").isEqualTo(unfolded);
        assertThat(daysOf(monitors)).as("days after one run").isEqualTo(unfoldedDays);

        List<RollupCompactor.Run> runs = new ArrayList<>(List.of(first));
        while (runs.getLast().more()) {
            assertThat(runs).as("runs so far").hasSizeLessThan(10);
            runs.add(compactor.run());
            assertThat(windowsOf(monitors)).as("windows after run %d", runs.size()).isEqualTo(unfolded);
            assertThat(daysOf(monitors)).as("days after run %d", runs.size()).isEqualTo(unfoldedDays);
        }
        // the last monitor of the first range and 2 slices of the second; the rest of the second and the last
        // transaction, which finds nothing more
        assertThat(runs).containsExactly(first, new RollupCompactor.Run(5, 3, true),
                new RollupCompactor.Run(3, 3, false));
        assertThat(mark()).isEqualTo(new CompactionMark(Instant.parse("2026-06-15T12:00:00Z"), null, null));
        assertThat(sumChecks("monitor_uptime_hour")).isEqualTo(7 * 3);
        assertThat(sumChecks("monitor_uptime_day")).isEqualTo(7 * 3);
        assertThat(compactor.run()).as("nothing left").isEqualTo(new RollupCompactor.Run(0, 1, false));
        assertThat(compactor.compact()).as("nothing left to fold").isZero();
    }

    @Test
    void aLateResultForAFoldedBucketLandsInItsHourAndDayOnce() {
        UUID monitor = create();
        Instant first = Instant.parse("2026-06-15T10:31:00Z");
        record(List.of(monitor), ProbeStatus.UP, 40, first);
        assertThat(compactor.compact()).isEqualTo(1);
        assertThat(mark().compactedUntil()).isEqualTo(Instant.parse("2026-06-15T12:00:00Z"));

        // the next check of the same 5-minute bucket is written only now (it waited in Redis while Postgres was away)
        record(List.of(monitor), ProbeStatus.DOWN, 5_000, first.plusSeconds(60));
        assertThat(compactor.compact()).as("the mark is past its bucket").isZero();

        assertThat(checksOf("monitor_uptime_5min", monitor)).containsExactly(2);
        assertThat(checksOf("monitor_uptime_hour", monitor)).containsExactly(2);
        assertThat(checksOf("monitor_uptime_day", monitor)).containsExactly(2);
        JsonNode windows = windowsOf(List.of(monitor)).get(monitor);
        for (String window : List.of("24h", "7d", "30d", "365d")) {
            assertThat(windows.get(window).get("checks").asLong()).as(window).isEqualTo(2);
            assertThat(windows.get(window).get("failed").asLong()).as(window).isEqualTo(1);
        }
        assertThat(daysOf(List.of(monitor)).get(monitor)).singleElement()
                .satisfies(day -> assertThat(day.checks()).isEqualTo(2));
    }

    @Test
    void compactorsRacingEachOtherAndTheWriterFoldEveryCheckOnce() throws Exception {
        List<UUID> monitors = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            monitors.add(create());
        }
        // six hours of a check a minute: 72 buckets of each monitor, 6 ranges of 6 slices
        Instant start = NOW.minus(Duration.ofHours(7));
        for (int minute = 0; minute < 360; minute++) {
            record(monitors, minute % 7 == 0 ? ProbeStatus.DOWN : ProbeStatus.UP, 10 + minute, start.plusSeconds(60L * minute + 1));
        }

        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Long>> work = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                work.add(() -> {
                    go.await();
                    return compactor.compact();
                });
            }
            // meanwhile the writer records the next checks of each monitor (11:02 to 11:41), in buckets folded by then
            // or not
            work.add(() -> {
                go.await();
                for (int minute = 360; minute < 400; minute++) {
                    record(monitors, ProbeStatus.UP, 10 + minute, start.plusSeconds(60L * minute + 1));
                }
                return 0L;
            });
            List<Future<Long>> done = new ArrayList<>();
            work.forEach(task -> done.add(threads.submit(task)));
            go.countDown();
            long folded = 0;
            for (Future<Long> one : done) {
                folded += one.get(2, TimeUnit.MINUTES);
            }
            // 72 buckets of each monitor at first, and up to 9 more the writer makes meanwhile; none twice
            assertThat(folded).as("5-minute buckets folded by the four").isBetween(12L * 72, 12L * 81);
        } finally {
            threads.shutdownNow();
        }
        compactor.compact();

        assertThat(mark().compactedUntil()).isEqualTo(Instant.parse("2026-06-15T12:00:00Z"));
        for (UUID monitor : monitors) {
            assertThat(sumChecks("monitor_uptime_5min WHERE monitor_id = '" + monitor + "'")).isEqualTo(400);
            assertThat(sumChecks("monitor_uptime_hour WHERE monitor_id = '" + monitor + "'")).as("hours").isEqualTo(400);
            assertThat(sumChecks("monitor_uptime_day WHERE monitor_id = '" + monitor + "'")).as("days").isEqualTo(400);
            JsonNode windows = windowsOf(List.of(monitor)).get(monitor);
            for (String window : List.of("24h", "7d", "30d", "365d")) {
                assertThat(windows.get(window).get("checks").asLong()).as(window).isEqualTo(400);
            }
        }
    }

    @Test
    void pruningKeepsTheFiveMinuteBucketsNotFoldedYet() {
        UUID monitor = create();
        Instant old = NOW.minus(Duration.ofDays(3));
        record(List.of(monitor), ProbeStatus.UP, 30, old);
        record(List.of(monitor), ProbeStatus.UP, 31, NOW.minus(Duration.ofHours(1)));
        JsonNode before = windowsOf(List.of(monitor)).get(monitor);

        pruner.prune();
        assertThat(checksOf("monitor_uptime_5min", monitor)).as("older than 24 hours but not folded").hasSize(2);
        assertThat(windowsOf(List.of(monitor)).get(monitor)).isEqualTo(before);

        compactor.compact();
        pruner.prune();
        assertThat(checksOf("monitor_uptime_5min", monitor)).as("the folded one past 24 hours is gone").hasSize(1);
        assertThat(checksOf("monitor_uptime_day", monitor)).containsExactly(1, 1);
        assertThat(windowsOf(List.of(monitor)).get(monitor)).isEqualTo(before);
    }

    @Test
    void compactionMarksOrderUuidsAsPostgresDoes() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(UUID.randomUUID());
        }
        List<UUID> byPostgres = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT u FROM unnest(?::uuid[]) u ORDER BY u", ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids.toArray()));
                    List<UUID> sorted = new ArrayList<>();
                    try (ResultSet row = ps.executeQuery()) {
                        while (row.next()) {
                            sorted.add(row.getObject(1, UUID.class));
                        }
                    }
                    return sorted;
                }));
        List<UUID> byMark = new ArrayList<>(ids);
        byMark.sort(CompactionMark::compareAsPostgres);
        assertThat(byMark).isEqualTo(byPostgres);
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
    private void record(List<UUID> monitors, ProbeStatus status, long latencyMillis, Instant at) {
        ProbeResult result = new ProbeResult(status, Duration.ofMillis(latencyMillis), "checked", null);
        outcomes.recordAll(monitors.stream().map(monitor -> new Checked(monitor, result, at)).toList());
    }

    private Map<UUID, JsonNode> windowsOf(List<UUID> monitors) {
        Map<UUID, JsonNode> windows = new HashMap<>();
        for (UUID monitor : monitors) {
            Reply reply = api.as(READ_TOKEN).get("/v1/monitors/" + monitor + "/uptime");
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            windows.put(monitor, reply.tree().get("windows"));
        }
        return windows;
    }

    private Map<UUID, List<UptimeDay>> daysOf(List<UUID> monitors) {
        return days.since(monitors, LocalDate.parse("2025-06-01"));
    }

    private CompactionMark mark() {
        return transactions.executeRead(status -> new CompactionMarks(jdbc).current());
    }

    private List<UUID> foldedMonitors() {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT DISTINCT monitor_id FROM monitor_uptime_hour", ps -> {
                    List<UUID> ids = new ArrayList<>();
                    try (ResultSet row = ps.executeQuery()) {
                        while (row.next()) {
                            ids.add(row.getObject(1, UUID.class));
                        }
                    }
                    return ids;
                }));
    }

    private int count(String table) {
        return queryInt("SELECT count(*) FROM " + table);
    }

    private int sumChecks(String tableAndCondition) {
        return queryInt("SELECT coalesce(sum(checks), 0) FROM " + tableAndCondition);
    }

    private List<Integer> checksOf(String table, UUID monitor) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT checks FROM " + table + " WHERE monitor_id = ? ORDER BY 1", ps -> {
                    ps.setObject(1, monitor);
                    List<Integer> checks = new ArrayList<>();
                    try (ResultSet row = ps.executeQuery()) {
                        while (row.next()) {
                            checks.add(row.getInt(1));
                        }
                    }
                    return checks;
                }));
    }

    private int queryInt(String query) {
        return transactions.executeRead(status -> {
            try (Statement sql = status.getConnection().createStatement(); ResultSet row = sql.executeQuery(query)) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    private void sql(String statements) {
        transactions.executeWrite(status -> {
            try (Statement sql = status.getConnection().createStatement()) {
                sql.execute(statements);
            }
            return null;
        });
    }

    private UUID create() {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "compaction-%s", "kind": "tcp", "target": "127.0.0.1:9", "intervalSeconds": 60}"""
                .formatted(UUID.randomUUID()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return UUID.fromString(created.tree().get("id").asText());
    }
}
