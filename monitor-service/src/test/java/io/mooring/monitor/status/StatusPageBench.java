package io.mooring.monitor.status;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.monitor.TestServers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A measurement, not a test: the status page with 10,000 monitors in 100 public groups (100 each),
 * each with 90 days of uptime and about 1% of them down with an open incident. Starts the service on
 * the stack's embedded servers, fills its database with SQL, then times 200 sequential requests per
 * URL after 20 of warm-up and prints p50/p95/max and the answer size, first with every page rendered for each
 * request, then from a second instance that keeps rendered pages (its default). Run by {@code bench/status-page.sh}.
 */
public final class StatusPageBench {
    private static final int MONITORS = 10_000;
    private static final int GROUPS = 100;
    private static final int REQUESTS = 200;
    private static final int WARMUP = 20;

    private StatusPageBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> properties = new java.util.HashMap<>(TestServers.properties(StatusPageBench.class));
        properties.put("mooring.scheduler.enabled", "false");
        // filling 900,000 uptime days takes longer than the service's own statements may
        properties.put("mooring.pg.statement-timeout", "300s");
        properties.put("mooring.pg.socket-timeout", "330s");
        int status;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.copyOf(properties))) {
            String someGroup = seed(server.getApplicationContext());
            System.out.printf(Locale.ROOT, "%d monitors in %d public groups, 90 days of uptime each; %d requests per URL, one at a time%n",
                    MONITORS, GROUPS, REQUESTS);
            System.out.println("rendered for every request (mooring.status.cache-ttl 0s):");
            measureAll(server, someGroup);
            properties.put("mooring.status.cache-ttl", "10s");
            try (EmbeddedServer keeping = ApplicationContext.run(EmbeddedServer.class, Map.copyOf(properties))) {
                System.out.println("kept for 10 s (mooring.status.cache-ttl 10s, the default), the same database:");
                measureAll(keeping, someGroup);
            }
            status = 0;
        }
        System.exit(status);
    }

    private static void measureAll(EmbeddedServer server, String someGroup) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = server.getURL().toString();
        System.out.printf(Locale.ROOT, "%-52s %9s %9s %9s %10s%n", "GET", "p50 ms", "p95 ms", "max ms", "bytes");
        measure(client, base, "/status");
        measure(client, base, "/status?page=5");
        measure(client, base, "/status.json");
        measure(client, base, "/status?group=" + someGroup + "&page=2");
        measure(client, base, "/status/badges/groups/" + someGroup + ".svg");
    }

    private static void measure(HttpClient client, String base, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).build();
        long bytes = 0;
        for (int i = 0; i < WARMUP; i++) {
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        double[] millis = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            bytes = response.body().length;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "%-52s %9.1f %9.1f %9.1f %10d%n", path.length() > 52 ? path.substring(0, 49) + "..." : path,
                millis[REQUESTS / 2], millis[(int) Math.ceil(REQUESTS * 0.95) - 1], millis[REQUESTS - 1], bytes);
    }

    /** Fills the database; answers the id of one public group. */
    @SuppressWarnings("unchecked")
    private static String seed(ApplicationContext context) {
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        return transactions.executeWrite(tx -> {
            try (Statement sql = tx.getConnection().createStatement()) {
                sql.execute("""
                        INSERT INTO monitor_group (id, name, is_public, position, created_at, updated_at)
                        SELECT gen_random_uuid(), 'group ' || g, true, g, now(), now() FROM generate_series(1, %d) g"""
                        .formatted(GROUPS));
                sql.execute("""
                        INSERT INTO monitor (id, name, kind, target, interval_seconds, state, created_at, updated_at,
                                             settings, timeout_seconds, check_offset_ms)
                        SELECT gen_random_uuid(), 'monitor ' || i, 'tcp', 'host-' || i || '.example.org:443', 60,
                               CASE WHEN i %% 97 = 0 THEN 'DOWN' WHEN i %% 31 = 0 THEN 'DEGRADED' ELSE 'UP' END,
                               now(), now(), '{}', 10, 0
                        FROM generate_series(1, %d) i""".formatted(MONITORS));
                sql.execute("""
                        INSERT INTO monitor_group_member (group_id, monitor_id, added_at)
                        SELECT g.id, m.id, now()
                        FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM monitor) m
                        JOIN (SELECT id, row_number() OVER (ORDER BY position) - 1 AS n FROM monitor_group) g
                          ON g.n = m.n %% %d""".formatted(GROUPS));
                sql.execute("""
                        INSERT INTO monitor_uptime_day (monitor_id, day, checks, passed, degraded, failed,
                                                        latency_total_ms, latency_max_ms)
                        SELECT m.id, current_date - d, 1440, 1440 - (d % 3), 0, d % 3, 1440 * 42, 900
                        FROM monitor m CROSS JOIN generate_series(0, 89) d""");
                sql.execute("""
                        INSERT INTO incident (id, monitor_id, title, severity, opened_at)
                        SELECT gen_random_uuid(), id, name || ' is down', 'major', now() FROM monitor WHERE state = 'DOWN'""");
                sql.execute("ANALYZE");
                try (ResultSet row = sql.executeQuery("SELECT id FROM monitor_group ORDER BY position LIMIT 1")) {
                    row.next();
                    return row.getString(1);
                }
            }
        });
    }
}
