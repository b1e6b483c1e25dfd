package io.mooring.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures the provisioner as the local platform runs it, against real servers: account-creation and
 * account-read throughput and latency at each concurrency, and the time from a create request to its
 * {@code account.ready} event being read from Kafka. See {@code bench/README.md}.
 */
public final class ProvisionerBench {
    private static final PrintStream OUT = System.out;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final String CREATE = "POST /v1/accounts";
    private static final String READ = "GET /v1/accounts/{id}";
    private static final String READY = "create -> account.ready on Kafka";

    private final BenchOptions options;
    private final Path root;

    private ProvisionerBench(BenchOptions options, Path root) {
        this.options = options;
        this.root = root;
    }

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            OUT.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("mooring.root", ".")).toAbsolutePath().normalize();
        int status;
        try {
            new ProvisionerBench(options, root).run();
            status = 0;
        } catch (Exception e) {
            System.err.println("bench: " + e.getMessage());
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // embedded servers stop in their shutdown hooks
    }

    private void run() throws IOException, InterruptedException {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        double loadBefore = Report.loadAverage();
        say("starting " + RunningProvisioner.SERVERS.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList()
                + " and the provisioner jar ...");
        try (RunningProvisioner provisioner = RunningProvisioner.start(root, version(),
                root.resolve("bench").resolve("target").resolve("bench-logs"), options.serviceEnv(), START_TIMEOUT)) {
            say("provisioner healthy at " + provisioner.url() + " (log: " + provisioner.log() + ")");
            ProvisionerClient client = new ProvisionerClient(provisioner.url(), provisioner.operatorToken());
            registerHosts(client);
            AccountWorkload workload = new AccountWorkload(client);
            List<Report.Row> rows = new ArrayList<>();
            try (ReadyWatcher watcher = ReadyWatcher.start(provisioner.kafkaBootstrap(), Duration.ofMinutes(1))) {
                warmUp("creates", options.maxCreates(), workload.creates(null));
                List<Map<String, Long>> requestedAt = measureCreates(workload, rows);
                warmUp("reads", options.maxReads(), workload.reads());
                List<Report.Row> reads = measureReads(workload);
                rows.addAll(readyRows(requestedAt, watcher));
                rows.addAll(reads);
            }
            print(startedAt, loadBefore, provisioner, rows);
        }
    }

    /** One create phase per concurrency level; returns, per phase, when each accepted account was asked for. */
    private List<Map<String, Long>> measureCreates(AccountWorkload workload, List<Report.Row> rows) {
        List<Map<String, Long>> requestedAt = new ArrayList<>();
        for (int clients : options.concurrency()) {
            Map<String, Long> sent = new ConcurrentHashMap<>();
            int before = workload.accounts();
            rows.add(new Report.Row(measure(CREATE, clients, options.maxCreates(), workload.creates(sent)), "accounts/s", before));
            requestedAt.add(sent);
        }
        return requestedAt;
    }

    private List<Report.Row> measureReads(AccountWorkload workload) {
        List<Report.Row> rows = new ArrayList<>();
        for (int clients : options.concurrency()) {
            int before = workload.accounts();
            rows.add(new Report.Row(measure(READ, clients, options.maxReads(), workload.reads()), "reads/s", before));
        }
        return rows;
    }

    /** Waits for the ready events of the measured creates, then gives one latency row per create phase. */
    private List<Report.Row> readyRows(List<Map<String, Long>> requestedAt, ReadyWatcher watcher) {
        List<String> all = requestedAt.stream().flatMap(m -> m.keySet().stream()).toList();
        long missing = watcher.await(all, READY_TIMEOUT);
        say("account.ready read for " + (all.size() - missing) + " of " + all.size() + " measured creates");
        if (watcher.malformed() > 0) {
            say(watcher.malformed() + " records on the topic were not events of the contract");
        }
        List<Report.Row> rows = new ArrayList<>();
        for (int i = 0; i < requestedAt.size(); i++) {
            rows.add(new Report.Row(readyLatency(options.concurrency().get(i), requestedAt.get(i), watcher), null, null));
        }
        return rows;
    }

    private void registerHosts(ProvisionerClient client) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 1; i <= options.hosts(); i++) {
                client.registerHost(http, "bench-h" + i);
            }
        }
        say("registered " + options.hosts() + " hosts of 1024 cores and 1 TB of memory each");
    }

    private void warmUp(String what, int maxRequests, ClosedLoop.Call call) {
        if (options.warmup().isZero()) {
            return;
        }
        PhaseResult warm = ClosedLoop.run("warm-up", options.maxConcurrency(), options.warmup(), maxRequests, call);
        say(String.format(Locale.ROOT, "warm-up %s: %d ok, %d failed in %.1f s", what, warm.succeeded(), warm.failed(),
                warm.elapsed().toNanos() / 1e9));
    }

    private PhaseResult measure(String operation, int clients, int maxRequests, ClosedLoop.Call call) {
        PhaseResult result = ClosedLoop.run(operation, clients, options.duration(), maxRequests, call);
        say(String.format(Locale.ROOT, "%s with %d clients: %d ok, %d failed, %.1f/s, p50 %s, p99 %s", operation, clients,
                result.succeeded(), result.failed(), result.throughput().orElse(0), Report.millis(result.latency().p50()),
                Report.millis(result.latency().p99())));
        return result;
    }

    private static PhaseResult readyLatency(int clients, Map<String, Long> requestedAt, ReadyWatcher watcher) {
        Latencies latencies = new Latencies();
        long missing = 0;
        for (Map.Entry<String, Long> sent : requestedAt.entrySet()) {
            var arrival = watcher.arrival(sent.getKey());
            if (arrival.isPresent()) {
                latencies.record(arrival.getAsLong() - sent.getValue());
            } else {
                missing++;
            }
        }
        Map<String, Long> failures = missing == 0 ? Map.of()
                : Map.of("not read within " + READY_TIMEOUT.toSeconds() + " s", missing);
        return new PhaseResult(READY, clients, latencies.count(), failures, null, latencies.summary());
    }

    private void print(Instant startedAt, double loadBefore, RunningProvisioner provisioner, List<Report.Row> rows) {
        OUT.println();
        OUT.println("Mooring provisioner benchmark, " + startedAt);
        Report.machine().forEach(OUT::println);
        OUT.println(String.format(Locale.ROOT, "load average (1 min): %.2f before, %.2f after", loadBefore, Report.loadAverage()));
        OUT.println("provisioner JVM: " + provisioner.jvmOptions().map(o -> String.join(" ", o)).orElse("(not reported)"));
        provisioner.serverAddresses().forEach((kind, address) -> OUT.println("server " + kind + ": " + address));
        String warmup = options.warmup().isZero() ? "no warm-up"
                : String.format(Locale.ROOT, "warm-up up to %s before the creates and before the reads with %d clients",
                seconds(options.warmup()), options.maxConcurrency());
        OUT.println(String.format(Locale.ROOT, "run: %d hosts; %s; each phase up to %s and %d creates or %d reads; "
                        + "closed loop, HTTP/1.1 keep-alive, one connection per client",
                options.hosts(), warmup, seconds(options.duration()), options.maxCreates(), options.maxReads()));
        OUT.println();
        OUT.print(Report.table(rows));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%s s", duration.toMillis() % 1000 == 0 ? Long.toString(duration.toSeconds())
                : String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0));
    }

    private static String version() {
        String version = ProvisionerBench.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    private static void say(String line) {
        OUT.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + line);
    }
}
