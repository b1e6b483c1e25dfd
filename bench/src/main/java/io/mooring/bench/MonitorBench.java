package io.mooring.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.monitor.schedule.CheckSlots;
import io.mooring.platform.Service;
import io.mooring.platform.ServiceProcess;
import io.mooring.stack.LocalStack;
import io.mooring.stack.PostgresServer;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.stack.StackServer;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/run.sh monitors}: how many HTTP monitors one monitor-service instance checks at an interval with p99
 * scheduling lag under 1 s and no missed check. Targets are an nginx on loopback (most answer 200 at once, some
 * slowly, some 404 or 500) and a closed port; the service jar runs as a child process with its own database on the
 * stack's Postgres, Kafka and Redis; monitors are created through its API. Lag and missed checks are read from
 * nginx's access log (when each request started) against each monitor's slots, which the bench computes as the
 * service does ({@link CheckSlots}).
 */
public final class MonitorBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("^([a-z_]+)(\\{[^}]*})? ([0-9.eE+-]+|NaN)$");
    private static final double LAG_LIMIT_MILLIS = 1000;
    private static final int IMPORT_CHUNK = 1000;

    private final MonitorBenchOptions options;
    private final Path root;
    private final Path work;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger retried = new AtomicInteger();

    private MonitorBench(MonitorBenchOptions options, Path root) {
        this.options = options;
        this.root = root;
        this.work = root.resolve("bench/target/monitor-bench");
    }

    public static void main(String[] args) throws Exception {
        MonitorBenchOptions options;
        try {
            options = MonitorBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench monitors: " + e.getMessage());
            System.err.println(MonitorBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        List<String> report = new MonitorBench(options, Path.of(System.getProperty("mooring.root", "."))).run();
        System.out.println();
        report.forEach(System.out::println);
        System.exit(0);
    }

    /** What kind of target monitor {@code n} checks: 90 % answer 200 at once, the rest slowly or failing. */
    enum Target {
        OK("/ok/"), SLOW("/slow/"), NOT_FOUND("/missing/"), ERROR("/error/"), REFUSED("/refused/");

        final String path;

        Target(String path) {
            this.path = path;
        }

        static Target of(int n) {
            int r = n % 100;
            if (r < 90) {
                return OK;
            }
            return r < 93 ? SLOW : r < 95 ? NOT_FOUND : r < 97 ? ERROR : REFUSED;
        }
    }

    private List<String> run() throws Exception {
        Files.createDirectories(work);
        List<String> report = new ArrayList<>();
        report.add("Mooring monitor-service checks benchmark, " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        report.add(String.format(Locale.ROOT, "cores: %d available to the JVM (%s)", Runtime.getRuntime().availableProcessors(),
                cpuModel()));
        report.add("os: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + "; jdk: "
                + System.getProperty("java.runtime.version"));
        report.add(String.format(Locale.ROOT, "load average (1 min) before: %.2f", loadAverage()));

        Map<ServerKind, StackServer> servers = Servers.start(EnumSet.of(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS));
        PostgresServer postgres = (PostgresServer) servers.get(ServerKind.POSTGRES);
        String database = "monitoring_bench_" + Long.toHexString(System.nanoTime());
        postgres.createDatabase(database);
        int closedPort = freePort();
        try (Nginx nginx = Nginx.start(work.resolve("nginx"), freePort())) {
            Map<String, String> env = new HashMap<>(LocalStack.environment(servers));
            String token = "bench-operator-" + UUID.randomUUID();
            env.put("MOORING_PG_DATABASE", database);
            env.put("MOORING_AUTH_OPERATOR_TOKENS", token);
            env.putAll(options.serviceEnv());
            Path jar = Service.MONITOR.jar(root, "0.1.0-SNAPSHOT");
            ServiceProcess service = new ServiceProcess(Service.MONITOR, freePort(), jar, env, work);
            try {
                service.start();
                awaitHealthy(service);
                long pid = childPid(jar);
                report.add("monitor-service JVM: " + String.join(" ", jvmOptions(jar)) + " (pid " + pid + ")");
                report.add("targets: nginx " + nginx.version() + " on 127.0.0.1:" + nginx.port()
                        + " (90 % 200 at once, 3 % 200 in about 2 s, 2 % 404, 2 % 500), 3 % 127.0.0.1:" + closedPort
                        + " (closed: refused)");
                report.add(String.format(Locale.ROOT, "monitors: http, every %d s, timeout %d s, created through POST /v1/monitors/import"
                                + " (%d per request, %d at a time); each size judged over %d s of due slots",
                        options.interval().toSeconds(), options.timeout().toSeconds(), IMPORT_CHUNK, options.clients(),
                        options.duration().toSeconds()));
                report.addAll(measure(service, pid, token, nginx, closedPort));
            } finally {
                service.stop(Duration.ofSeconds(20));
                dropDatabase(postgres, database);
            }
        }
        return report;
    }

    private List<String> measure(ServiceProcess service, long pid, String token, Nginx nginx, int closedPort)
            throws Exception {
        int most = options.monitors().getLast();
        long intervalMillis = options.interval().toMillis();
        CheckLog checks = new CheckLog(intervalMillis, most);
        AccessLog log = new AccessLog(nginx.accessLog());
        List<String> rows = new ArrayList<>();
        rows.add("");
        rows.add(String.format(Locale.ROOT, "%8s %9s %10s %10s %10s %9s %9s %9s %8s %7s %7s %14s %7s %8s %8s %6s",
                "monitors", "created/s", "checks/s", "(service)", "written/s", "waiting", "lag p50", "lag p99", "lag max",
                "slots", "missed", "doubled", "service p50/p99", "CPU", "RSS", "peak RSS", "load"));
        int created = 0;
        List<String> settled = new ArrayList<>();
        Integer largest = null;
        String verdict = null;
        for (int size : options.monitors()) {
            long createStart = System.nanoTime();
            try {
                create(service.url(), token, nginx.port(), closedPort, created, size, checks);
            } catch (Exception e) {
                verdict = size + " monitors: creating them failed: " + e.getMessage();
                break;
            }
            double createRate = (size - created) / ((System.nanoTime() - createStart) / 1e9);
            created = size;
            // every new monitor is checked within an interval of its creation, and a backlog the creates left is
            // worked off in a second one; then the window starts
            pauseUntil(System.currentTimeMillis() + 2 * intervalMillis + 5_000);
            settled.add(settle(service.url(), size, createStart));
            log.read(checks);
            checks.forgetBefore(System.currentTimeMillis() - 2 * intervalMillis);
            long t0 = System.currentTimeMillis();
            long ticks0 = cpuTicks(pid);
            Map<String, Double> metrics0 = metrics(service.url());
            double counted0 = metrics0.get("checks");
            double pending0 = metrics0.getOrDefault("pending", Double.NaN);
            long t1 = t0 + options.duration().toMillis();
            long end = t1 + intervalMillis + options.timeout().toMillis() + 2_000;
            BenchLog.log("%d monitors: judging slots from %s to %s, reading the log until %s", size, Instant.ofEpochMilli(t0),
                    Instant.ofEpochMilli(t1), Instant.ofEpochMilli(end));
            pauseUntil(end);
            long ticks1 = cpuTicks(pid);
            double seconds = (System.currentTimeMillis() - t0) / 1000.0;
            Map<String, Double> metrics = metrics(service.url());
            double counted1 = metrics.get("checks");
            double pending1 = metrics.getOrDefault("pending", Double.NaN);
            // results written to Postgres: those checked less the growth of the stream waiting for the writer
            double written = (counted1 - counted0 - (pending1 - pending0)) / seconds;
            long requests = log.read(checks, t0, end);
            CheckLog.Verdict v = checks.judge(t0, t1, size);
            Histogram lag = v.lag();
            double cpu = (ticks1 - ticks0) / (double) clockTicks() / seconds * 100;
            // the writer keeps up: less than one interval's results wait for it at the end, or fewer than at the start
            boolean keepsUp = pending1 < size || pending1 <= pending0;
            boolean meets = v.slots() > 0 && lag.getValueAtPercentile(99) < LAG_LIMIT_MILLIS && v.missed() == 0 && keepsUp;
            rows.add(String.format(Locale.ROOT, "%8d %9.0f %10.1f %10.1f %10.1f %9.0f %6d ms %6d ms %6d ms %8d %7d %7d %6.0f/%4.0f ms %6.0f %% %4d MiB %4d MiB %6.2f%s",
                    size, createRate, requests / seconds, (counted1 - counted0) / seconds, written, pending1,
                    lag.getValueAtPercentile(50), lag.getValueAtPercentile(99), lag.getMaxValue(), v.slots(), v.missed(),
                    v.doubled(), 1000 * metrics.getOrDefault("lag_p50", Double.NaN),
                    1000 * metrics.getOrDefault("lag_p99", Double.NaN), cpu, rssKib(pid, "VmRSS:") / 1024,
                    rssKib(pid, "VmHWM:") / 1024, loadAverage(), meets ? "" : "  <- over the limit"));
            BenchLog.log("%s", rows.getLast());
            if (!service.isAlive()) {
                verdict = "the service exited; see " + service.log();
                break;
            }
            if (!meets) {
                verdict = String.format(Locale.ROOT, "%d monitors: p99 lag %d ms, %d of %d slots missed, %.0f results waiting for"
                        + " the writer (%.0f at the window's start); larger sizes not run",
                        size, lag.getValueAtPercentile(99), v.missed(), v.slots(), pending1, pending0);
                break;
            }
            largest = size;
        }
        rows.add("");
        rows.addAll(settled);
        rows.add("checks/s: requests nginx saw (the closed port's checks are not among them) and, in brackets, the"
                + " service's mooring_monitor_checks_total, over the window and one interval after it");
        rows.add("lag: from each due slot to the start of its request at nginx; service p50/p99: its"
                + " mooring_monitor_schedule_lag_seconds at the end (a decaying window of about 2 minutes)");
        rows.add("written/s: results the writer stored in Postgres (checks less the growth of the results stream); waiting:"
                + " mooring_monitor_results_pending at the end, which must stay under one interval's results or shrink over the window");
        rows.add("CPU: the service process (utime + stime) over the same time, 100 % = one core; RSS at the end, peak = VmHWM");
        if (verdict != null) {
            rows.add(verdict);
        }
        rows.add(largest == null ? "no size met p99 lag < 1 s with no missed check and the writer keeping up"
                : "largest size with p99 lag < 1 s, no missed check and the writer keeping up: " + largest + " monitors at a "
                + options.interval().toSeconds() + " s interval");
        rows.add("imports answered 503 and retried: " + retried.get());
        rows.add(String.format(Locale.ROOT, "load average (1 min) after: %.2f", loadAverage()));
        return rows;
    }

    /** Creates monitors {@code [from, to)} through the bulk import, in chunks, and places them in the check log. */
    private void create(String url, String token, int nginxPort, int closedPort, int from, int to, CheckLog checks)
            throws Exception {
        BenchLog.log("importing monitors %d to %d", from, to - 1);
        int interval = (int) options.interval().toSeconds();
        AtomicInteger nextChunk = new AtomicInteger(from);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < options.clients(); c++) {
                running.add(clients.submit(() -> {
                    for (int first = nextChunk.getAndAdd(IMPORT_CHUNK); first < to; first = nextChunk.getAndAdd(IMPORT_CHUNK)) {
                        importChunk(url, token, nginxPort, closedPort, first, Math.min(to, first + IMPORT_CHUNK), interval, checks);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
    }

    private void importChunk(String url, String token, int nginxPort, int closedPort, int first, int last, int interval,
                             CheckLog checks) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("[");
        for (int n = first; n < last; n++) {
            Target target = Target.of(n);
            int port = target == Target.REFUSED ? closedPort : nginxPort;
            body.append(n == first ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"name\":\"bench-%06d\",\"kind\":\"http\",\"target\":\"http://127.0.0.1:%d%s%d\","
                            + "\"intervalSeconds\":%d,\"timeoutSeconds\":%d}",
                    n, port, target.path, n, interval, options.timeout().toSeconds()));
        }
        HttpResponse<String> response = post(url, token, body.append(']').toString());
        for (var item : JSON.readTree(response.body()).path("items")) {
            int n = first + item.path("index").asInt();
            UUID id = UUID.fromString(item.path("monitor").path("id").asText());
            if (Target.of(n) != Target.REFUSED) {
                checks.place(n, CheckSlots.offsetMillis(id, interval));
            }
        }
    }

    /** Sends one import; a 503 (a store of the service busy or away) is retried, as its problem asks. */
    private HttpResponse<String> post(String url, String token, String body) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/monitors/import"))
                    .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return response;
            }
            if (response.statusCode() != 503 || attempt == 30) {
                throw new IllegalStateException("POST /v1/monitors/import answered " + response.statusCode() + ": "
                        + response.body());
            }
            retried.incrementAndGet();
            Pause.of(Duration.ofSeconds(1));
        }
    }

    private void awaitHealthy(ServiceProcess service) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!"UP".equals(service.health())) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the monitor service exited during start-up:\n" + service.logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the monitor service is not healthy after 10 minutes:\n" + service.logTail(40));
            }
            Pause.of(Duration.ofMillis(500));
        }
    }

    /** The service's scheduler metrics from {@code /prometheus}: checks counted, lag quantiles. */
    private Map<String, Double> metrics(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/prometheus"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Double> values = new HashMap<>();
        double checksTotal = 0;
        for (String line : response.body().split("\n")) {
            Matcher m = METRIC.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            String labels = m.group(2) == null ? "" : m.group(2);
            double value = Double.parseDouble(m.group(3));
            if (name.equals("mooring_monitor_checks_total")) {
                checksTotal += value;
            } else if (name.equals("mooring_monitor_results_pending")) {
                values.put("pending", value);
            } else if (name.equals("mooring_monitor_schedule_lag_seconds") && labels.contains("quantile=\"0.5\"")) {
                values.put("lag_p50", value);
            } else if (name.equals("mooring_monitor_schedule_lag_seconds") && labels.contains("quantile=\"0.99\"")) {
                values.put("lag_p99", value);
            }
        }
        values.put("checks", checksTotal);
        return values;
    }

    /**
     * Waits until the service's own lag p99 is under the limit (the first checks of new monitors change their
     * states, which costs the writer more than a steady check), at most {@code --settle}; says how long it took.
     */
    private String settle(String url, int size, long createStart) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + options.settle().toNanos();
        double p99 = metrics(url).getOrDefault("lag_p99", Double.NaN);
        while (!(p99 * 1000 < LAG_LIMIT_MILLIS) && System.nanoTime() < deadline) {
            Pause.of(Duration.ofSeconds(5));
            p99 = metrics(url).getOrDefault("lag_p99", Double.NaN);
        }
        String line = String.format(Locale.ROOT, "%d monitors: window opened %.0f s after the import began, the service's lag"
                + " p99 %.0f ms%s", size, (System.nanoTime() - createStart) / 1e9, p99 * 1000,
                p99 * 1000 < LAG_LIMIT_MILLIS ? "" : " (not settled within --settle " + options.settle().toSeconds() + " s)");
        BenchLog.log("%s", line);
        return line;
    }


    private static void pauseUntil(long epochMillis) {
        long left = epochMillis - System.currentTimeMillis();
        if (left > 0) {
            Pause.of(Duration.ofMillis(left));
        }
    }

    /** utime + stime of a process, in clock ticks. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state is field 3, utime field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long clockTicksPerSecond = -1;

    private static synchronized long clockTicks() {
        if (clockTicksPerSecond < 0) {
            clockTicksPerSecond = 100;
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (getconf.waitFor() == 0) {
                    clockTicksPerSecond = Long.parseLong(out);
                }
            } catch (IOException | NumberFormatException e) {
                BenchLog.log("getconf CLK_TCK failed (%s); taking 100", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return clockTicksPerSecond;
    }

    private static long rssKib(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static long childPid(Path jar) {
        return ProcessHandle.current().children()
                .filter(child -> runs(child.info().arguments().map(List::of).orElse(List.of()), jar))
                .findFirst().orElseThrow(() -> new IllegalStateException("the monitor service process is not found"))
                .pid();
    }

    /** Whether a process with these arguments runs the jar, or the copy of it the platform runs ({@link ServiceProcess}). */
    private static boolean runs(List<String> args, Path jar) {
        String name = jar.getFileName().toString();
        return args.stream().anyMatch(a -> a.equals(jar.toString()) || a.endsWith("-" + name) && a.contains("/jars/"));
    }

    private static List<String> jvmOptions(Path jar) {
        return ProcessHandle.current().children()
                .map(child -> child.info().arguments().map(List::of).orElse(List.of()))
                .filter(args -> runs(args, jar))
                .findFirst()
                .map(args -> args.stream().takeWhile(a -> !"-jar".equals(a)).toList())
                .orElse(List.of());
    }

    private static void dropDatabase(PostgresServer postgres, String database) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
             Statement drop = c.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        } catch (SQLException e) {
            BenchLog.log("could not drop database %s: %s", database, e.getMessage());
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Reads nginx's access log ({@code $msec $request_time $status $request_uri}) from where it last stopped. */
    static final class AccessLog {
        private final Path file;
        private long position;
        private String partial = "";

        AccessLog(Path file) {
            this.file = file;
        }

        void read(CheckLog checks) throws IOException {
            read(checks, Long.MAX_VALUE, Long.MIN_VALUE);
        }

        /** Adds every new request to {@code checks}; answers how many started in {@code [from, to)}. */
        long read(CheckLog checks, long from, long to) throws IOException {
            byte[] bytes;
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                long length = in.length();
                bytes = new byte[(int) (length - position)];
                in.seek(position);
                in.readFully(bytes);
                position = length;
            }
            String text = partial + new String(bytes, StandardCharsets.US_ASCII);
            int last = text.lastIndexOf('\n');
            partial = text.substring(last + 1);
            long counted = 0;
            for (String line : text.substring(0, Math.max(0, last)).split("\n")) {
                long start = parse(line, checks);
                if (start >= from && start < to) {
                    counted++;
                }
            }
            return counted;
        }

        /** Records one line's request; answers when it started (epoch ms), or -1 for a line of no monitor. */
        static long parse(String line, CheckLog checks) {
            String[] parts = line.split(" ");
            if (parts.length != 4) {
                return -1;
            }
            long end = Math.round(Double.parseDouble(parts[0]) * 1000);
            long start = end - Math.round(Double.parseDouble(parts[1]) * 1000);
            String uri = parts[3];
            try {
                checks.request(Integer.parseInt(uri.substring(uri.lastIndexOf('/') + 1)), start);
            } catch (NumberFormatException e) {
                return -1;
            }
            return start;
        }
    }

    /** nginx (Debian's nginx-light) in the foreground with a generated configuration, logging every request. */
    static final class Nginx implements AutoCloseable {
        private final Process process;
        private final Path dir;
        private final int port;

        private Nginx(Process process, Path dir, int port) {
            this.process = process;
            this.dir = dir;
            this.port = port;
        }

        static Nginx start(Path dir, int port) throws IOException {
            Files.createDirectories(dir.resolve("www"));
            Files.createDirectories(dir.resolve("tmp"));
            Files.createDirectories(dir.resolve("logs"));
            Files.deleteIfExists(dir.resolve("logs/access.log"));
            // 8 KiB at 4 KiB/s: about 2 s per answer
            Files.writeString(dir.resolve("www/slow.txt"), "x".repeat(8192));
            Files.writeString(dir.resolve("nginx.conf"), """
                    worker_processes 1;
                    pid nginx.pid;
                    error_log logs/error.log warn;
                    events { worker_connections 16384; }
                    http {
                      access_log off;
                      client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi;
                      uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;
                      log_format bench '$msec $request_time $status $request_uri';
                      keepalive_requests 1000000;
                      keepalive_timeout 300s;
                      server {
                        listen 127.0.0.1:%d backlog=4096;
                        access_log logs/access.log bench;
                        root www;
                        location /ok/ { return 200 "ok\\n"; }
                        location /missing/ { return 404; }
                        location /error/ { return 500; }
                        location /slow/ { limit_rate 4k; try_files /slow.txt =404; }
                      }
                    }
                    """.formatted(port));
            Process process = new ProcessBuilder("nginx", "-p", dir.toAbsolutePath() + "/", "-c", "nginx.conf", "-e",
                    "logs/error.log", "-g", "daemon off;").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("logs/nginx.out").toFile()).start();
            Nginx nginx = new Nginx(process, dir, port);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-nginx"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (java.net.Socket probe = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                    return nginx;
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        nginx.close();
                        throw new IOException("nginx did not start; see " + dir.resolve("logs"));
                    }
                    Pause.of(Duration.ofMillis(100));
                }
            }
        }

        int port() {
            return port;
        }

        Path accessLog() {
            return dir.resolve("logs/access.log");
        }

        String version() {
            try {
                Process v = new ProcessBuilder("nginx", "-v").redirectErrorStream(true).start();
                String out = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                v.waitFor();
                return out.substring(out.indexOf('/') + 1);
            } catch (IOException e) {
                return "?";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "?";
            }
        }

        @Override
        public void close() {
            process.destroy(); // SIGTERM: nginx's master stops its worker and exits
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Progress on stderr. */
    static final class BenchLog {
        static void log(String format, Object... args) {
            System.err.printf(Locale.ROOT, "bench: " + format + "%n", args);
        }
    }
}
