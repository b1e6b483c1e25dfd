package io.mooring.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How fast the outbox relay drains a backlog: starts the provisioner jar against real servers, commits
 * {@code --rows} outbox rows in one transaction (the relay sees them all at once) and times until every
 * row is marked published and the records are on the topic. See {@code bench/README.md}.
 */
public final class OutboxDrainBench {
    static final String USAGE = """
            usage: bench/run.sh drain [--rows 100000] [--keys 1000] [--env NAME=VALUE ...]
              --rows   outbox rows committed at once (1..1000000)
              --keys   distinct event keys (accounts) the rows are spread over (1..rows)
              --env    an extra environment variable for the provisioner (repeatable)""";
    private static final PrintStream OUT = System.out;
    private static final String TOPIC = "mooring.provisioning";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(15);
    private static final String BACKLOG = """
            INSERT INTO mooring_outbox (event_id, topic, event_key, event_type, source, subject, event_time, data)
            SELECT gen_random_uuid(), ?, k.account, 'mooring.provisioning.account.placed.v1', 'provisioner', k.account, now(),
                   jsonb_build_object('accountId', k.account, 'hostId', 'bench-h1')
            FROM generate_series(1, ?) AS i,
                 LATERAL (SELECT md5((i % ?)::text)::uuid::text AS account) AS k
            ORDER BY i
            """;

    private OutboxDrainBench() {
    }

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int rows = 100_000;
        int keys = 1000;
        Map<String, String> env = new TreeMap<>();
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                    case "--keys" -> keys = Integer.parseInt(args[i + 1]);
                    case "--env" -> {
                        int eq = args[i + 1].indexOf('=');
                        if (eq < 1) {
                            throw new IllegalArgumentException("--env takes NAME=VALUE, not " + args[i + 1]);
                        }
                        env.put(args[i + 1].substring(0, eq), args[i + 1].substring(eq + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (rows < 1 || rows > 1_000_000 || keys < 1 || keys > rows) {
                throw new IllegalArgumentException("--rows must be 1..1000000 and --keys 1..rows");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("mooring.root", ".")).toAbsolutePath().normalize();
        int status = 0;
        try {
            run(root, rows, keys, env);
        } catch (Exception e) {
            System.err.println("bench: " + e.getMessage());
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static void run(Path root, int rows, int keys, Map<String, String> env) throws Exception {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        double loadBefore = Report.loadAverage();
        say("starting the servers and the provisioner jar ...");
        try (RunningProvisioner provisioner = RunningProvisioner.start(root, "0.1.0-SNAPSHOT",
                root.resolve("bench").resolve("target").resolve("bench-logs"), env, START_TIMEOUT);
             Connection db = provisioner.database();
             KafkaConsumer<byte[], byte[]> kafka = offsets(provisioner.kafkaBootstrap())) {
            say("provisioner healthy at " + provisioner.url() + " (log: " + provisioner.log() + ")");
            long before = endOffsets(kafka);
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement(BACKLOG)) {
                insert.setString(1, TOPIC);
                insert.setInt(2, rows);
                insert.setInt(3, keys);
                insert.executeUpdate();
            }
            db.commit();
            long committed = System.nanoTime();
            db.setAutoCommit(true);
            say(rows + " outbox rows committed; waiting for the relay to drain them");
            long drained = 0;
            long deadline = committed + DRAIN_TIMEOUT.toNanos();
            long lastSay = committed;
            while (true) {
                long left = unpublished(db);
                long now = System.nanoTime();
                if (left == 0) {
                    drained = now;
                    break;
                }
                if (now > deadline) {
                    throw new IllegalStateException(left + " rows still unpublished after " + DRAIN_TIMEOUT.toMinutes() + " min");
                }
                if (now - lastSay > 10_000_000_000L) {
                    say(left + " rows left");
                    lastSay = now;
                }
                Pause.of(Duration.ofMillis(20));
            }
            long onTopic = endOffsets(kafka) - before;
            double seconds = (drained - committed) / 1e9;
            OUT.println();
            OUT.println("Mooring outbox drain benchmark, " + startedAt);
            Report.machine().forEach(OUT::println);
            OUT.println(String.format(Locale.ROOT, "load average (1 min): %.2f before, %.2f after", loadBefore, Report.loadAverage()));
            OUT.println("provisioner JVM: " + provisioner.jvmOptions().map(o -> String.join(" ", o)).orElse("(not reported)"));
            provisioner.serverAddresses().forEach((kind, address) -> OUT.println("server " + kind + ": " + address));
            OUT.println(String.format(Locale.ROOT, "backlog: %d rows over %d keys on %s, committed at once", rows, keys, TOPIC));
            OUT.println();
            OUT.println(String.format(Locale.ROOT, "drained in %.1f s: %.0f events/s; records added to the topic: %d",
                    seconds, rows / seconds, onTopic));
        }
    }

    private static long unpublished(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM mooring_outbox WHERE published_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static KafkaConsumer<byte[], byte[]> offsets(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Records on the topic so far: the sum of its partitions' end offsets. */
    private static long endOffsets(KafkaConsumer<byte[], byte[]> kafka) {
        List<TopicPartition> partitions = kafka.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        return kafka.endOffsets(partitions, Duration.ofSeconds(30)).values().stream().mapToLong(Long::longValue).sum();
    }

    private static void say(String line) {
        OUT.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + line);
    }
}
