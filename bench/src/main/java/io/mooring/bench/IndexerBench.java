package io.mooring.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.content.StatusCreated;
import io.mooring.platform.Service;
import io.mooring.search.statuses.RawStatusBulk;
import io.mooring.stack.EmbeddedOpenSearchServer;
import io.mooring.stack.LocalStack;
import io.mooring.stack.ServerKind;
import io.mooring.stack.ServerProperties;
import io.mooring.stack.Servers;
import io.mooring.stack.StackServer;
import org.apache.hc.core5.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Search indexer benchmark, on one Kafka and one OpenSearch: fills {@code mooring.content.statuses} with realistic
 * statuses; a first indexer indexes them on the cold OpenSearch (warm-up, reported apart) and then gives the latency
 * from produce to searchable under a steady load; a sweep picks the raw ceiling's batch size and concurrency; then
 * rounds of (a) the raw ceiling ({@link RawStatusBulk}, the same operations as {@code _bulk} requests) and (b) a fresh
 * indexer from empty indices until every status is searchable, the order rotated from round to round so that neither
 * always meets the warmer OpenSearch. Prints each round, the medians, (b)/(a) and the indexer's peak RSS.
 *
 * <p>{@code IndexerBench [--statuses 1000000] [--heap 2g] [--sweep 100000] [--batches 500,1000,2000]
 * [--concurrency 1,2,4] [--rate 200] [--latency-seconds 30] [--rounds 2] [--warm-rounds 1] [--jvm '-Xmx512m']
 * [--env NAME=VALUE] [--compare NAME=VALUE] [--compare-jvm OPTIONS]}: the {@code --warm-rounds} come first and are
 * printed but left out of the medians (OpenSearch still gets faster over the first rounds after the warm-up); with {@code --compare} or {@code --compare-jvm}, each round also
 * runs (b'), the indexer with those settings over the {@code --env} ones or with those JVM options, so that two
 * configurations are measured side by side in one run.
 */
public final class IndexerBench {
    private static final String SOURCE = "bench.social";
    private static final String PREFIX = "bench-";
    private static final String MAPPING_PREFIX = "bench-mapping-";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Options options;
    private final String bootstrap;
    private final String openSearch;
    private final Map<ServerKind, StackServer> servers;
    private final EventCodec codec = new EventCodec();
    private final StatusText text = new StatusText(42);
    /** Statuses on the topic: the ones produced first and those of the latency phase. */
    private long topicStatuses;

    record Options(long statuses, String heap, long sweep, List<Integer> batches, List<Integer> concurrency, int rate,
                   int latencySeconds, int rounds, int warmRounds, List<String> jvm, List<String> compareJvm, Map<String, String> env,
                   Map<String, String> compare) {
        static Options parse(String... args) {
            long statuses = 1_000_000;
            String heap = "2g";
            long sweep = 100_000;
            List<Integer> batches = List.of(500, 1000, 2000);
            List<Integer> concurrency = List.of(1, 2, 4);
            int rate = 200;
            int latencySeconds = 30;
            int rounds = 2;
            int warmRounds = 1;
            List<String> jvm = List.of("-Xmx512m");
            List<String> compareJvm = null;
            Map<String, String> env = new LinkedHashMap<>();
            Map<String, String> compare = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i++]) {
                    case "--statuses" -> statuses = Long.parseLong(value);
                    case "--heap" -> heap = value;
                    case "--sweep" -> sweep = Long.parseLong(value);
                    case "--batches" -> batches = integers(value);
                    case "--concurrency" -> concurrency = integers(value);
                    case "--rate" -> rate = Integer.parseInt(value);
                    case "--latency-seconds" -> latencySeconds = Integer.parseInt(value);
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--warm-rounds" -> warmRounds = Integer.parseInt(value);
                    case "--jvm" -> jvm = List.of(value.strip().split("\\s+"));
                    case "--compare-jvm" -> compareJvm = List.of(value.strip().split("\\s+"));
                    case "--env" -> setting(env, "--env", value);
                    case "--compare" -> setting(compare, "--compare", value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
            if (statuses < 1000 || sweep < 1000 || sweep > statuses || rate < 1 || latencySeconds < 1 || rounds < 1
                    || warmRounds < 0) {
                throw new IllegalArgumentException("need --statuses >= 1000, 1000 <= --sweep <= --statuses, --rate, "
                        + "--latency-seconds and --rounds >= 1, --warm-rounds >= 0");
            }
            return new Options(statuses, heap, sweep, batches, concurrency, rate, latencySeconds, rounds, warmRounds, jvm,
                    compareJvm == null ? jvm : compareJvm, env, compare);
        }

        /** A second indexer configuration to measure: other settings, other JVM options, or both. */
        boolean compares() {
            return !compare.isEmpty() || !compareJvm.equals(jvm);
        }

        private static void setting(Map<String, String> settings, String option, String value) {
            int eq = value.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(option + " takes NAME=VALUE, was " + value);
            }
            settings.put(value.substring(0, eq), value.substring(eq + 1));
        }

        private static List<Integer> integers(String value) {
            return Arrays.stream(value.split(",")).map(String::strip).map(Integer::parseInt).toList();
        }
    }

    private IndexerBench(Options options) {
        this.options = options;
        System.setProperty(EmbeddedOpenSearchServer.HEAP_PROPERTY, options.heap());
        this.servers = Servers.start(EnumSet.of(ServerKind.KAFKA, ServerKind.OPENSEARCH));
        this.bootstrap = servers.get(ServerKind.KAFKA).properties().get(ServerProperties.KAFKA_BOOTSTRAP);
        this.openSearch = servers.get(ServerKind.OPENSEARCH).properties().get(ServerProperties.OPENSEARCH_URL);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench search: " + e.getMessage());
            System.err.println("usage: bench/run.sh search [--statuses 1000000] [--heap 2g] [--sweep 100000] "
                    + "[--batches 500,1000,2000] [--concurrency 1,2,4] [--rate 200] [--latency-seconds 30] [--rounds 2] "
                    + "[--warm-rounds 1] [--jvm '-Xmx512m'] [--env NAME=VALUE] [--compare NAME=VALUE] [--compare-jvm '-Xmx320m -XX:+UseSerialGC']");
            System.exit(2);
            return;
        }
        List<String> report = new IndexerBench(options).run();
        System.out.println();
        report.forEach(System.out::println);
        System.exit(0);
    }

    private List<String> run() throws Exception {
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "OpenSearch heap %s, %d statuses, %d cores, load before: %.1f", options.heap(),
                options.statuses(), Runtime.getRuntime().availableProcessors(), loadAverage()));
        createTopic();
        long started = System.nanoTime();
        long bytes = produce(0, options.statuses());
        topicStatuses = options.statuses();
        double produced = seconds(started);
        report.add(String.format(Locale.ROOT, "produced %d statuses in %.1f s (%.0f/s), %.0f bytes of data each on average",
                options.statuses(), produced, options.statuses() / produced, (double) bytes / options.statuses()));

        // warm-up: the first indexer on a cold OpenSearch, from an empty index; reported, not compared
        Path root = Path.of(System.getProperty("mooring.root", "."));
        try (Indexer indexer = Indexer.start(root, servers, options.env(), options.jvm(), PREFIX, "search-indexer")) {
            log("indexer started (pid %d); waiting for %d statuses to be searchable", indexer.pid(), options.statuses());
            Throughput cold = awaitCount(PREFIX + "statuses", options.statuses(), Duration.ofHours(2), indexer::failure,
                    indexer.handle());
            report.add(String.format(Locale.ROOT, "warm-up: search-indexer on a cold OpenSearch %8.0f statuses/s  (%,d in %.1f s)  peak RSS %.0f MiB  %s",
                    cold.perSecond(), cold.counted(), cold.seconds(), indexer.peakRssKib() / 1024.0, cold.cpu()));
            // latency from produce to searchable, the indexer caught up, under a steady load
            report.add(latency(indexer));
        }
        // every later phase starts from empty indices with these settings and mappings
        copyIndex(PREFIX + "statuses", MAPPING_PREFIX + "statuses");
        copyIndex(PREFIX + "authors", MAPPING_PREFIX + "authors");
        delete(PREFIX + "statuses-v1");
        delete(PREFIX + "authors-v1");

        // the raw ceiling's batch size and concurrency: a sweep on the first records (also warming OpenSearch up)
        OpenSearchClient client = new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(HttpHost.create(openSearch)).build());
        RawStatusBulk raw = new RawStatusBulk(client, bootstrap, Topics.CONTENT_STATUSES);
        double best = 0;
        int bestBatch = options.batches().getFirst();
        int bestConcurrency = options.concurrency().getFirst();
        for (int batch : options.batches()) {
            for (int concurrency : options.concurrency()) {
                Throughput sweep = rawRun(raw, "raw-sweep-" + batch + "-" + concurrency, options.sweep(), batch, concurrency);
                report.add(String.format(Locale.ROOT, "    sweep: _bulk of %5d, %d in flight  %8.0f statuses/s (%,d)",
                        batch, concurrency, sweep.perSecond(), options.sweep()));
                if (sweep.perSecond() > best) {
                    best = sweep.perSecond();
                    bestBatch = batch;
                    bestConcurrency = concurrency;
                }
            }
        }

        // rounds, each phase on empty indices with the topic's every status, the order rotated from round to round
        List<Phase> phases = new ArrayList<>(List.of(Phase.RAW, Phase.RAW_PROCESS, Phase.INDEXER));
        if (options.compares()) {
            phases.add(Phase.COMPARED);
        }
        Map<Phase, List<Double>> rates = new EnumMap<>(Phase.class);
        Map<Phase, Long> peaks = new EnumMap<>(Phase.class);
        List<Double> ratios = new ArrayList<>();
        List<Double> comparedRatios = new ArrayList<>();
        List<Double> freshRatios = new ArrayList<>();
        for (int round = 1; round <= options.warmRounds() + options.rounds(); round++) {
            boolean counted = round > options.warmRounds();
            List<Phase> order = new ArrayList<>(phases);
            Collections.rotate(order, -(round - 1));
            Map<Phase, Double> rate = new EnumMap<>(Phase.class);
            Map<Phase, String> cpu = new EnumMap<>(Phase.class);
            for (Phase phase : order) {
                Throughput throughput = switch (phase) {
                    case RAW -> rawRun(raw, "raw-r" + round, topicStatuses, bestBatch, bestConcurrency);
                    case RAW_PROCESS -> rawProcessRun("raw-process-r" + round, topicStatuses, bestBatch, bestConcurrency);
                    case INDEXER -> indexerRun(root, "r" + round, options.env(), options.jvm(), peaks, phase);
                    case COMPARED -> {
                        Map<String, String> env = new LinkedHashMap<>(options.env());
                        env.putAll(options.compare());
                        yield indexerRun(root, "compare-r" + round, env, options.compareJvm(), peaks, phase);
                    }
                };
                rate.put(phase, throughput.perSecond());
                cpu.put(phase, throughput.cpu());
                if (counted) {
                    rates.computeIfAbsent(phase, p -> new ArrayList<>()).add(throughput.perSecond());
                }
                log("round %d %s: %.0f statuses/s", round, phase.label, throughput.perSecond());
            }
            double ratio = rate.get(Phase.INDEXER) / rate.get(Phase.RAW);
            double freshRatio = rate.get(Phase.INDEXER) / rate.get(Phase.RAW_PROCESS);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %d (%s):",
                    counted ? "round" : "warm round", round,
                    String.join(", ", order.stream().map(p -> p.label).toList())));
            for (Phase phase : phases) {
                line.append(String.format(Locale.ROOT, "  %s %.0f/s", phase.label, rate.get(phase)));
            }
            line.append(String.format(Locale.ROOT, "  (b)/(a) %.2f  (b)/(a') %.2f", ratio, freshRatio));
            if (counted) {
                ratios.add(ratio);
                freshRatios.add(freshRatio);
            }
            if (rate.containsKey(Phase.COMPARED)) {
                double comparedRatio = rate.get(Phase.COMPARED) / rate.get(Phase.RAW);
                if (counted) {
                    comparedRatios.add(comparedRatio);
                }
                line.append(String.format(Locale.ROOT, "  (b')/(a) %.2f", comparedRatio));
            }
            report.add(line.toString());
            for (Phase phase : phases) {
                report.add(String.format(Locale.ROOT, "    %s %s", phase.label, cpu.get(phase)));
            }
        }
        report.add(String.format(Locale.ROOT, "(a) raw _bulk ceiling         %8.0f statuses/s, median of %d rounds  (%,d each; _bulk of %d operations, %d in flight)",
                median(rates.get(Phase.RAW)), options.rounds(), topicStatuses, bestBatch, bestConcurrency));
        report.add(String.format(Locale.ROOT, "(b) search-indexer %s %8.0f statuses/s, median  peak RSS %.0f MiB",
                String.join(" ", options.jvm()), median(rates.get(Phase.INDEXER)), peaks.get(Phase.INDEXER) / 1024.0));
        report.add(String.format(Locale.ROOT, "(a') raw _bulk ceiling, a fresh JVM %8.0f statuses/s, median", median(rates.get(Phase.RAW_PROCESS))));
        report.add(String.format(Locale.ROOT, "(b)/(a) = %.2f (median of the rounds' ratios); (b)/(a') = %.2f", median(ratios),
                median(freshRatios)));
        if (!comparedRatios.isEmpty()) {
            report.add(String.format(Locale.ROOT, "(b') search-indexer %s with %s %8.0f statuses/s, median  peak RSS %.0f MiB;  (b')/(a) = %.2f",
                    String.join(" ", options.compareJvm()), options.compare(), median(rates.get(Phase.COMPARED)),
                    peaks.get(Phase.COMPARED) / 1024.0, median(comparedRatios)));
        }
        report.add(String.format(Locale.ROOT, "load after: %.1f", loadAverage()));
        return report;
    }

    /**
     * The phases of a round: the raw ceiling in this (warm) JVM, the same as a freshly started program of its own (as
     * the indexer is), the indexer, and the indexer with the {@code --compare} settings.
     */
    private enum Phase {
        RAW("(a)"), RAW_PROCESS("(a')"), INDEXER("(b)"), COMPARED("(b')");

        final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    /** A fresh indexer (its own consumer group and indices) until every status of the topic is searchable. */
    private Throughput indexerRun(Path root, String name, Map<String, String> settings, List<String> jvm,
                                  Map<Phase, Long> peaks, Phase phase) throws Exception {
        String prefix = "bench-" + name + "-";
        Map<String, String> env = new LinkedHashMap<>(settings);
        // the consumer groups are named after the application: its own groups read the topic from the start
        env.put("MICRONAUT_APPLICATION_NAME", "search-indexer-" + name);
        Throughput throughput;
        try (Indexer indexer = Indexer.start(root, servers, env, jvm, prefix, "search-indexer-" + name)) {
            log("indexer %s (%s, %s) started (pid %d); waiting for %d statuses", name, jvm, settings, indexer.pid(), topicStatuses);
            throughput = awaitCount(prefix + "statuses", topicStatuses, Duration.ofHours(2), indexer::failure, indexer.handle());
            peaks.merge(phase, indexer.peakRssKib(), Math::max);
        }
        delete(prefix + "statuses-v1");
        delete(prefix + "authors-v1");
        return throughput;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private Throughput rawRun(RawStatusBulk raw, String name, long limit, int batch, int concurrency) throws Exception {
        copyIndex(MAPPING_PREFIX + "statuses", name + "-statuses");
        copyIndex(MAPPING_PREFIX + "authors", name + "-authors");
        AtomicBoolean done = new AtomicBoolean();
        RawStatusBulk.Result[] result = new RawStatusBulk.Result[1];
        Exception[] error = new Exception[1];
        Thread sender = Thread.ofPlatform().start(() -> {
            try {
                result[0] = raw.index(limit, batch, concurrency, name + "-statuses", name + "-authors");
            } catch (Exception e) {
                error[0] = e;
            } finally {
                done.set(true);
            }
        });
        // this process sends the raw ceiling's requests (its counting of the alias is a small part of its CPU)
        Throughput throughput = awaitCount(name + "-statuses", limit, Duration.ofHours(2),
                () -> done.get() && error[0] != null ? error[0].toString() : null, ProcessHandle.current());
        sender.join();
        if (result[0] != null && result[0].failedItems() > 0) {
            throw new IllegalStateException(name + ": " + result[0].failedItems() + " items refused, first: " + result[0].firstFailure());
        }
        delete(name + "-statuses-v1");
        delete(name + "-authors-v1");
        log("%s: _bulk of %d, %d in flight: %.0f statuses/s", name, batch, concurrency, throughput.perSecond());
        return throughput;
    }

    /** The raw ceiling as a freshly started JVM of its own ({@code -Xmx512m}, as the indexer), into fresh indices. */
    private Throughput rawProcessRun(String name, long limit, int batch, int concurrency) throws Exception {
        copyIndex(MAPPING_PREFIX + "statuses", name + "-statuses");
        copyIndex(MAPPING_PREFIX + "authors", name + "-authors");
        Path log = Files.createDirectories(Path.of(System.getProperty("mooring.root", "."), "bench/target")).resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), RawStatusBulk.class.getName(), bootstrap, openSearch,
                Topics.CONTENT_STATUSES, Long.toString(limit), Integer.toString(batch), Integer.toString(concurrency),
                name + "-statuses", name + "-authors").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Throughput throughput = awaitCount(name + "-statuses", limit, Duration.ofHours(2),
                    () -> process.isAlive() || process.exitValue() == 0 ? null : "exited " + process.exitValue() + "; see " + log,
                    process.toHandle());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(name + " did not end cleanly; see " + log);
            }
            log("%s: _bulk of %d, %d in flight, its own JVM: %.0f statuses/s", name, batch, concurrency, throughput.perSecond());
            return throughput;
        } finally {
            process.destroyForcibly();
            delete(name + "-statuses-v1");
            delete(name + "-authors-v1");
        }
    }

    /** Produce-to-searchable latency of probe statuses sent among a steady load of {@code rate} statuses a second. */
    private String latency(Indexer indexer) throws Exception {
        Latencies latencies = new Latencies();
        Map<String, Long> pending = new ConcurrentHashMap<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (producing.get() || !pending.isEmpty()) {
                if (!pending.isEmpty()) {
                    try {
                        for (String id : searchable(List.copyOf(pending.keySet()))) {
                            Long sent = pending.remove(id);
                            if (sent != null) {
                                latencies.record(System.nanoTime() - sent);
                            }
                        }
                    } catch (IOException e) {
                        log("latency: search failed: %s", e.getMessage());
                    }
                }
                Pause.of(Duration.ofMillis(20));
            }
        });
        long index = options.statuses();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            long start = System.nanoTime();
            long tick = TimeUnit.SECONDS.toNanos(1) / options.rate();
            long end = start + TimeUnit.SECONDS.toNanos(options.latencySeconds());
            int probeEvery = Math.max(1, options.rate() / 10); // ten probes a second
            for (long k = 0; System.nanoTime() < end; k++) {
                long due = start + k * tick;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Pause.of(Duration.ofNanos(wait));
                }
                StatusCreated status = text.status(index++);
                ProducerRecord<String, byte[]> record = record(status);
                if (k % probeEvery == 0) {
                    String id = SOURCE + ":" + status.statusId();
                    long sent = System.nanoTime();
                    producer.send(record, (metadata, e) -> {
                        if (e == null) {
                            pending.put(id, sent);
                        }
                    });
                } else {
                    producer.send(record);
                }
            }
            producer.flush();
        }
        topicStatuses = index;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Pause.of(Duration.ofMillis(100));
        }
        int lost = pending.size();
        pending.clear();
        producing.set(false);
        watcher.join();
        if (indexer.failure() != null) {
            throw new IllegalStateException(indexer.failure());
        }
        Latencies.Summary summary = latencies.summary();
        return String.format(Locale.ROOT, "produce -> searchable at %d statuses/s for %d s: %d probes, p50 %d ms, p99 %d ms, max %d ms%s",
                options.rate(), options.latencySeconds(), summary.count(), millis(summary.p50()), millis(summary.p99()),
                millis(summary.max()), lost > 0 ? " (" + lost + " probes not searchable within 60 s)" : "");
    }

    private static long millis(Duration duration) {
        return duration == null ? -1 : duration.toMillis();
    }

    private List<String> searchable(List<String> ids) throws IOException {
        ObjectNode query = JSON.createObjectNode();
        query.put("size", ids.size());
        query.put("_source", false);
        query.putObject("query").putObject("ids").set("values", JSON.valueToTree(ids));
        JsonNode answer = post("/" + PREFIX + "statuses/_search", query.toString());
        List<String> found = new ArrayList<>();
        answer.path("hits").path("hits").forEach(hit -> found.add(hit.path("_id").asText()));
        return found;
    }

    /**
     * @param clientCpu     CPU seconds of the process that sent the documents (the indexer, or this one for the raw
     *                      ceiling) over the same span; negative when unknown
     * @param openSearchCpu CPU seconds of OpenSearch over it; negative when unknown (an OpenSearch not started here)
     */
    record Throughput(long counted, double seconds, double clientCpu, double openSearchCpu) {
        double perSecond() {
            return counted / seconds;
        }

        /** CPU milliseconds per status of the sender and of OpenSearch, e.g. {@code cpu/status 0.061 + 0.118 ms}. */
        String cpu() {
            return clientCpu < 0 || openSearchCpu < 0 ? "cpu n/a" : String.format(Locale.ROOT,
                    "cpu/status %.3f + OpenSearch %.3f ms", clientCpu * 1000 / counted, openSearchCpu * 1000 / counted);
        }
    }

    /** CPU seconds a process has used so far; negative when it cannot be read. */
    private static double cpuSeconds(ProcessHandle process) {
        return process == null ? -1 : process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    private static ProcessHandle openSearchProcess() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("org.opensearch.bootstrap.OpenSearch")).orElse(false))
                .findFirst().orElse(null);
    }

    /**
     * Seconds from the first document searchable to {@code expected}, counted every 250 ms, with the CPU the sender
     * ({@code client}) and OpenSearch used over that span.
     */
    private Throughput awaitCount(String alias, long expected, Duration timeout, java.util.function.Supplier<String> failure,
                                  ProcessHandle client) throws IOException {
        ProcessHandle search = openSearchProcess();
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstAt = 0;
        long first = 0;
        double clientFirst = 0;
        double searchFirst = 0;
        long lastLogged = System.nanoTime();
        while (true) {
            long count = count(alias);
            long now = System.nanoTime();
            if (count > 0 && firstAt == 0) {
                firstAt = now;
                first = count;
                clientFirst = cpuSeconds(client);
                searchFirst = cpuSeconds(search);
            }
            if (count >= expected) {
                double clientCpu = clientFirst < 0 ? -1 : cpuSeconds(client) - clientFirst;
                double searchCpu = searchFirst < 0 ? -1 : cpuSeconds(search) - searchFirst;
                return new Throughput(expected - first, (now - firstAt) / 1e9, clientCpu, searchCpu);
            }
            String failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException(alias + ": " + failed);
            }
            if (now > deadline) {
                throw new IllegalStateException(alias + ": " + count + " of " + expected + " after " + timeout);
            }
            if (now - lastLogged > TimeUnit.SECONDS.toNanos(15)) {
                log("%s: %,d of %,d", alias, count, expected);
                lastLogged = now;
            }
            Pause.of(Duration.ofMillis(250));
        }
    }

    private long count(String alias) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(openSearch + "/" + alias + "/_count")).GET());
        if (response.statusCode() == 404) {
            return 0;
        }
        return JSON.readTree(response.body()).path("count").asLong();
    }

    /** A new index {@code name-v1} behind the alias {@code name}, with the analysis, mapping and refresh of {@code from}. */
    private void copyIndex(String from, String name) throws IOException {
        JsonNode source = get("/" + from);
        JsonNode index = source.elements().next();
        JsonNode settings = index.path("settings").path("index");
        ObjectNode body = JSON.createObjectNode();
        ObjectNode copied = body.putObject("settings").putObject("index");
        copied.put("number_of_shards", settings.path("number_of_shards").asText());
        copied.put("number_of_replicas", "0");
        if (settings.has("refresh_interval")) {
            copied.put("refresh_interval", settings.path("refresh_interval").asText());
        }
        if (settings.has("analysis")) {
            copied.set("analysis", settings.path("analysis"));
        }
        body.set("mappings", index.path("mappings"));
        body.putObject("aliases").putObject(name);
        put("/" + name + "-v1", body.toString());
    }

    private void createTopic() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            if (!admin.listTopics().names().get().contains(Topics.CONTENT_STATUSES)) {
                admin.createTopics(List.of(new NewTopic(Topics.CONTENT_STATUSES, 3, (short) 1))).all().get();
            }
        }
    }

    /** Statuses {@code from} .. {@code from + count - 1}; the bytes of their data. */
    private long produce(long from, long count) {
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (long i = from; i < from + count; i++) {
                ProducerRecord<String, byte[]> record = record(text.status(i));
                bytes += record.value().length;
                producer.send(record);
                if (i % 200_000 == 0 && i > from) {
                    log("produced %,d", i - from);
                }
            }
            producer.flush();
        }
        return bytes;
    }

    private ProducerRecord<String, byte[]> record(StatusCreated status) {
        EventEnvelope made = EventEnvelope.of("bench", status, Clock.systemUTC());
        return codec.toRecord(made);
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private JsonNode get(String path) throws IOException {
        return checked(send(HttpRequest.newBuilder(URI.create(openSearch + path)).GET()), path);
    }

    private JsonNode put(String path, String body) throws IOException {
        return checked(send(HttpRequest.newBuilder(URI.create(openSearch + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))), path);
    }

    private JsonNode post(String path, String body) throws IOException {
        return checked(send(HttpRequest.newBuilder(URI.create(openSearch + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))), path);
    }

    private void delete(String index) throws IOException {
        send(HttpRequest.newBuilder(URI.create(openSearch + "/" + index)).DELETE());
    }

    private static JsonNode checked(HttpResponse<String> response, String path) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "bench: " + format + "%n", args);
    }

    /** The search-indexer jar as a child process with the JVM options a deployment would give it. */
    static final class Indexer implements AutoCloseable {
        private final Process process;
        private final Path log;
        private long peakKib;

        private Indexer(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Indexer start(Path root, Map<ServerKind, StackServer> servers, Map<String, String> extra, List<String> jvm,
                             String prefix, String logName) throws IOException {
            Path jar = Service.SEARCH.jar(root, "0.1.0-SNAPSHOT");
            if (!Files.isRegularFile(jar)) {
                throw new IOException(jar + " is missing: build first (./mooring build)");
            }
            Path log = Files.createDirectories(root.resolve("bench/target")).resolve(logName + ".log");
            Map<String, String> env = new HashMap<>(LocalStack.environment(servers));
            env.put("MOORING_HTTP_PORT", Integer.toString(freePort()));
            env.put("MOORING_SEARCH_INDEX_PREFIX", prefix);
            env.put("MOORING_SEARCH_REPLICAS", "0");
            env.put("MOORING_AUTH_OPERATOR_TOKENS", "bench-" + UUID.randomUUID());
            env.putAll(extra);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(jvm);
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new Indexer(builder.start(), log);
        }

        long pid() {
            return process.pid();
        }

        ProcessHandle handle() {
            return process.toHandle();
        }

        /** Why the indexer is gone, or null while it runs. */
        String failure() {
            return process.isAlive() ? null : "the search indexer exited (" + process.exitValue() + "); see " + log;
        }

        /** VmHWM: the most resident memory the process has had. */
        long peakRssKib() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        peakKib = Math.max(peakKib, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                log("cannot read the indexer's peak RSS: %s", e.getMessage());
            }
            return peakKib;
        }

        @Override
        public void close() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }

    /**
     * Statuses as Mastodon writes them, about 500 bytes of data each: Mastodon's HTML (paragraphs, hashtag and
     * mention links), words of several languages, hashtags, mentions, replies and boosts, the usual visibilities.
     */
    static final class StatusText {
        private static final String[] LANGUAGES = {"en", "en", "en", "en", "en", "de", "de", "fr", "es", "ja", null};
        private static final String[] VISIBILITIES = {"public", "public", "public", "public", "public", "public",
                "unlisted", "unlisted", "private", "direct"};
        private static final String[] EN = ("the a to and of in is it you that was for on are with as his they be at one "
                + "have this from or had by hot word but what some we can out other were all there when up use your how said "
                + "each she which do their time if will way about many then them write would like so these her long make "
                + "thing see him two has look more day could go come did number sound people over know water than call "
                + "first who may down side been now find any new work part take get place made live where after back").split(" ");
        private static final String[] DE = "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei".split(" ");
        private static final String[] FR = "le de un être et à il avoir ne je son que se qui ce dans en du elle au pour pas sur faire plus dire me on mon lui nous comme mais pouvoir avec tout y aller voir bien où sans tu ou leur homme si deux mari moi vouloir te femme venir quand grand celui".split(" ");
        private static final String[] ES = "el la de que y a en un ser se no haber por con su para como estar tener le lo todo pero más hacer o poder decir este ir otro ese si me ya ver porque dar cuando él muy sin vez mucho saber qué sobre mi alguno mismo yo también hasta año".split(" ");
        private static final String[] JA = "今日 は 天気 が いい です ね 明日 も 晴れ る と 思い ます 猫 と 犬 の 写真 を 撮り まし た 駅 前 の カフェ で コーヒー を 飲み ながら 本 を 読む".split(" ");
        private static final String[] TAGS = new String[200];
        private static final String[] USERS = new String[5000];

        static {
            for (int i = 0; i < TAGS.length; i++) {
                TAGS[i] = "tag" + Integer.toString(i * 7919, 36);
            }
            for (int i = 0; i < USERS.length; i++) {
                USERS[i] = "user" + Integer.toString(i * 104729, 36);
            }
        }

        private final long seed;
        private final OffsetDateTime epoch = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);

        StatusText(long seed) {
            this.seed = seed;
        }

        StatusCreated status(long i) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003 + i);
            String language = LANGUAGES[random.nextInt(LANGUAGES.length)];
            String[] words = switch (language == null ? "en" : language) {
                case "de" -> DE;
                case "fr" -> FR;
                case "es" -> ES;
                case "ja" -> JA;
                default -> EN;
            };
            List<String> tags = new ArrayList<>();
            List<String> mentions = new ArrayList<>();
            StringBuilder html = new StringBuilder("<p>");
            int mentionCount = random.nextInt(10) < 3 ? 1 + random.nextInt(2) : 0;
            for (int m = 0; m < mentionCount; m++) {
                String user = USERS[random.nextInt(USERS.length)];
                mentions.add(user + "@" + SOURCE);
                html.append("<span class=\"h-card\"><a href=\"https://").append(SOURCE).append("/@").append(user)
                        .append("\" class=\"u-url mention\">@<span>").append(user).append("</span></a></span> ");
            }
            int length = 12 + random.nextInt(16);
            for (int w = 0; w < length; w++) {
                html.append(words[random.nextInt(words.length)]).append(language != null && language.equals("ja") ? "" : " ");
                if (w == length / 2 && random.nextBoolean()) {
                    html.append("</p><p>");
                }
            }
            int tagCount = random.nextInt(4);
            for (int t = 0; t < tagCount; t++) {
                String tag = TAGS[random.nextInt(TAGS.length)];
                tags.add(tag);
                html.append(" <a href=\"https://").append(SOURCE).append("/tags/").append(tag)
                        .append("\" class=\"mention hashtag\" rel=\"tag\">#<span>").append(tag).append("</span></a>");
            }
            html.append("</p>");
            String author = USERS[random.nextInt(USERS.length)];
            String accountId = Long.toString(100_000 + random.nextInt(USERS.length));
            String statusId = Long.toString(110_000_000_000_000_000L + i);
            boolean reply = random.nextInt(10) < 2;
            return new StatusCreated(statusId, accountId, author, html.toString(), language,
                    VISIBILITIES[random.nextInt(VISIBILITIES.length)], mentions, tags, epoch.plusSeconds(i),
                    "https://" + SOURCE + "/@" + author + "/" + statusId, SOURCE, 1L, random.nextInt(10) < 8,
                    reply ? Long.toString(110_000_000_000_000_000L + Math.max(0, i - 1 - random.nextInt(1000))) : null,
                    reply ? Long.toString(100_000 + random.nextInt(USERS.length)) : null, null);
        }
    }
}
