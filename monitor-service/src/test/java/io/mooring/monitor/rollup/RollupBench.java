package io.mooring.monitor.rollup;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.monitor.TestServers;
import io.mooring.monitor.probe.ProbeResult;
import io.mooring.monitor.probe.ProbeStatus;
import io.mooring.monitor.state.CheckOutcomes;
import io.mooring.monitor.state.CheckOutcomes.Checked;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A measurement, not a test: what the roll-ups cost the result writer and what the uptime endpoint costs to read.
 * 10,000 monitors each get a result every 30 s (rounds of 50 batches of 200, as the writer batches them), written
 * five ways, each batch every way in turn, printed side by side: day counts alone (the one level kept before the finer
 * ones), the three levels' counts alone (as checks without latency), the three levels with histograms (the writer
 * before compaction), the 5-minute level with histograms (the writer since, {@link RollupCompactor} folding the rest),
 * and the whole result writer ({@link CheckOutcomes#recordAll}, statuses included). Then the compactor folds the
 * 5-minute buckets written, timed. Then one monitor gets a year of checks a minute and
 * {@code GET /v1/monitors/{id}/uptime} is timed. Run by {@code bench/rollups.sh}.
 */
public final class RollupBench {
    private static final int MONITORS = 10_000;
    private static final int BATCH = 200;
    private static final int ROUNDS = 6;
    private static final int REQUESTS = 100;

    private RollupBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> properties = new HashMap<>(TestServers.properties(RollupBench.class));
        properties.put("mooring.scheduler.enabled", "false");
        properties.put("mooring.pg.statement-timeout", "300s");
        properties.put("mooring.pg.socket-timeout", "330s");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.copyOf(properties))) {
            ApplicationContext context = server.getApplicationContext();
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
            CheckRollups rollups = context.getBean(CheckRollups.class);
            CheckOutcomes outcomes = context.getBean(CheckOutcomes.class);
            List<UUID> ids = seed(transactions);
            Random random = new Random(42);
            Instant at = RollupLevel.HOUR.bucketOf(Instant.now()).minus(Duration.ofHours(3));
            // the buckets from here on are the compactor's to fold
            transactions.executeWrite(tx -> {
                try (Statement sql = tx.getConnection().createStatement()) {
                    sql.execute("UPDATE monitor_uptime_compaction SET compacted_until = to_timestamp(" + at.getEpochSecond()
                            + "), compacting_until = NULL, compacted_through = NULL");
                }
                return null;
            });

            System.out.printf(Locale.ROOT, "%d monitors, a result each per round of 30 s, batches of %d, %d rounds after one of warm-up%n",
                    MONITORS, BATCH, ROUNDS);
            Map<String, Consumer<List<UUID>>> ways = new LinkedHashMap<>();
            ways.put("day counts only (one level, as before)", batch -> transactions.executeWrite(tx -> {
                rollups.count(checks(batch, random, false), EnumSet.of(RollupLevel.DAY));
                return null;
            }));
            ways.put("three levels, counts only (no latency)", batch -> transactions.executeWrite(tx -> {
                rollups.count(checks(batch, random, false), EnumSet.allOf(RollupLevel.class));
                return null;
            }));
            ways.put("three levels, counts and histograms", batch -> transactions.executeWrite(tx -> {
                rollups.count(checks(batch, random, true), EnumSet.allOf(RollupLevel.class));
                return null;
            }));
            ways.put("5-minute level, counts and histograms", batch -> transactions.executeWrite(tx -> {
                rollups.count(checks(batch, random, true));
                return null;
            }));
            ways.put("result writer (recordAll, all of it)", batch -> outcomes.recordAll(batch.stream()
                    .map(id -> new Checked(id, ProbeResult.up(Duration.ofMillis(latency(random)), "HTTP 200"), batchAt))
                    .toList()));
            double writerMillisPerResult = measure(ways, ids, at);
            compact(context.getBean(RollupCompactor.class), transactions, writerMillisPerResult);

            readYear(server, transactions, rollups, ids.getFirst(), random);
        }
        System.exit(0);
    }

    /** The time of the round being written (each batch's results share it). */
    private static Instant batchAt;

    /**
     * Writes each batch every way in turn (so a change of the machine's load hits all alike), then prints them; the
     * result writer's milliseconds per result.
     */
    private static double measure(Map<String, Consumer<List<UUID>>> ways, List<UUID> ids, Instant from) {
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        ways.keySet().forEach(way -> millis.put(way, new ArrayList<>()));
        Instant at = from;
        for (int round = 0; round <= ROUNDS; round++) {
            batchAt = at;
            for (int i = 0; i < ids.size(); i += BATCH) {
                List<UUID> batch = ids.subList(i, Math.min(ids.size(), i + BATCH));
                for (Map.Entry<String, Consumer<List<UUID>>> way : ways.entrySet()) {
                    long start = System.nanoTime();
                    way.getValue().accept(batch);
                    if (round > 0) {
                        millis.get(way.getKey()).add((System.nanoTime() - start) / 1e6);
                    }
                }
            }
            at = at.plusSeconds(30);
        }
        System.out.printf(Locale.ROOT, "%-44s %12s %12s %12s%n", "written per batch", "p50 ms", "p95 ms", "results/s");
        double writer = 0;
        for (Map.Entry<String, List<Double>> way : millis.entrySet()) {
            double[] sorted = way.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double total = Arrays.stream(sorted).sum();
            System.out.printf(Locale.ROOT, "%-44s %12.1f %12.1f %12.0f%n", way.getKey(), sorted[sorted.length / 2],
                    sorted[(int) Math.ceil(sorted.length * 0.95) - 1], sorted.length * BATCH / (total / 1000));
            writer = total / (sorted.length * BATCH);
        }
        return writer;
    }

    /**
     * Folds the 5-minute buckets just written into hours and days, timed, and what that adds to each result when a
     * monitor's bucket holds 10 results (one every 30 s).
     */
    private static void compact(RollupCompactor compactor, TransactionOperations<Connection> transactions,
                                double writerMillisPerResult) {
        long start = System.nanoTime();
        long folded = compactor.compact();
        double millis = (System.nanoTime() - start) / 1e6;
        double perResult = millis / folded / 10;
        System.out.printf(Locale.ROOT, "compaction: %d 5-minute buckets folded into hours and days in %.0f ms (%.0f buckets/s), "
                        + "%.4f ms per result at 10 results a bucket; result writer and compaction together %.0f results/s%n",
                folded, millis, folded / (millis / 1000), perResult, 1000 / (writerMillisPerResult + perResult));
    }

    private static List<CountedCheck> checks(List<UUID> batch, Random random, boolean withLatency) {
        return batch.stream().map(id -> new CountedCheck(id, batchAt, ProbeStatus.UP,
                withLatency ? Long.valueOf(latency(random)) : null)).toList();
    }

    /** Mostly 20 to 80 ms, a tail up to 2 s. */
    private static long latency(Random random) {
        return random.nextInt(100) < 95 ? 20 + random.nextInt(60) : 100 + random.nextInt(1900);
    }

    /** A year of checks a minute for one monitor, pruned to the retention; then the uptime endpoint timed. */
    private static void readYear(EmbeddedServer server, TransactionOperations<Connection> transactions, CheckRollups rollups,
                                 UUID monitor, Random random) throws Exception {
        Instant now = Instant.now();
        for (Instant day = RollupLevel.DAY.firstKept(now); day.isBefore(now); day = day.plus(Duration.ofDays(1))) {
            List<CountedCheck> checks = new ArrayList<>();
            for (int minute = 0; minute < 1440 && day.plusSeconds(60L * minute).isBefore(now); minute++) {
                Instant at = day.plusSeconds(60L * minute);
                checks.add(new CountedCheck(monitor, at, random.nextInt(500) == 0 ? ProbeStatus.DOWN : ProbeStatus.UP,
                        latency(random)));
            }
            transactions.executeWrite(tx -> {
                rollups.count(checks);
                return null;
            });
        }
        server.getApplicationContext().getBean(UptimePruner.class).prune();
        transactions.executeRead(tx -> {
            try (Statement sql = tx.getConnection().createStatement()) {
                for (RollupLevel level : RollupLevel.values()) {
                    try (ResultSet row = sql.executeQuery("SELECT count(*), avg(length(latency_histogram)) FROM "
                            + level.table() + " WHERE monitor_id = '" + monitor + "'")) {
                        row.next();
                        System.out.printf(Locale.ROOT, "%-12s %5d buckets of one monitor, histogram %.0f bytes each on average%n",
                                level, row.getLong(1), row.getDouble(2));
                    }
                }
            }
            return null;
        });

        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/monitors/" + monitor + "/uptime"))
                .header("Authorization", "Bearer " + TestServers.READ_TOKEN).build();
        double[] millis = new double[REQUESTS];
        for (int i = -10; i < REQUESTS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("uptime answered " + response.statusCode() + " " + response.body());
            }
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "GET /v1/monitors/{id}/uptime, a year of checks a minute: p50 %.1f ms, p95 %.1f ms (%d requests)%n",
                millis[REQUESTS / 2], millis[(int) Math.ceil(REQUESTS * 0.95) - 1], REQUESTS);
    }

    private static List<UUID> seed(TransactionOperations<Connection> transactions) {
        return transactions.executeWrite(tx -> {
            try (Statement sql = tx.getConnection().createStatement()) {
                sql.execute("""
                        INSERT INTO monitor (id, name, kind, target, interval_seconds, state, created_at, updated_at,
                                             settings, timeout_seconds, check_offset_ms)
                        SELECT gen_random_uuid(), 'monitor ' || i, 'tcp', 'host-' || i || '.example.org:443', 30, 'UP',
                               now(), now(), '{}', 10, 0
                        FROM generate_series(1, %d) i""".formatted(MONITORS));
                sql.execute("ANALYZE");
                List<UUID> ids = new ArrayList<>();
                try (ResultSet row = sql.executeQuery("SELECT id FROM monitor ORDER BY id")) {
                    while (row.next()) {
                        ids.add(row.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }
}
