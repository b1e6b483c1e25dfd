package io.mooring.platform;

import io.mooring.stack.LocalStack;
import io.mooring.stack.Ports;
import io.mooring.stack.PostgresServer;
import io.mooring.stack.ServerKind;
import io.mooring.stack.ServerProperties;
import io.mooring.stack.StackServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./mooring up}: starts the real servers with their data under {@code .mooring/}, the five
 * services, waits until all are healthy, prints where they are, and streams their status until
 * stopped (Ctrl-C or SIGTERM), then stops everything.
 */
public final class MooringCli {
    private static final PrintStream OUT = System.out;
    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    private MooringCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !"up".equals(args[0])) {
            System.err.println("usage: MooringCli up --root DIR --data DIR [--ready-file FILE] [--demo] [--free-ports] "
                    + "[--chat-webhook URL [--chat-kind slack|matrix|generic]] [--chat-targets FILE] [--replicas N]");
            System.exit(2);
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("mooring: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new Up(options).run();
        } catch (IllegalStateException e) {
            System.err.println("mooring: " + e.getMessage());
            System.exit(1);
        }
    }

    /** @param chatTargets the chat-ops relay's targets file ({@code --chat-targets}), absolute */
    record Options(Path root, Path data, Path readyFile, boolean demo, boolean freePorts, Optional<ChatWebhook> chat,
                   Optional<Path> chatTargets, String version, ReplicaPlan replicas) {
        static Options parse(String[] args) {
            Path root = Path.of(".");
            Path data = null;
            Path ready = null;
            boolean demo = false;
            boolean freePorts = false;
            String chatUrl = null;
            String chatKind = null;
            ReplicaPlan replicas = ReplicaPlan.single();
            Path chatTargets = null;
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--root" -> root = Path.of(value(args, ++i));
                    case "--data" -> data = Path.of(value(args, ++i));
                    case "--ready-file" -> ready = Path.of(value(args, ++i));
                    case "--demo" -> demo = true;
                    case "--free-ports" -> freePorts = true;
                    case "--chat-webhook" -> chatUrl = value(args, ++i);
                    case "--chat-kind" -> chatKind = value(args, ++i);
                    case "--replicas" -> replicas = ReplicaPlan.parse(value(args, ++i));
                    case "--chat-targets" -> chatTargets = Path.of(value(args, ++i)).toAbsolutePath().normalize();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (chatKind != null && chatUrl == null) {
                throw new IllegalArgumentException("--chat-kind goes with --chat-webhook URL");
            }
            if (chatTargets != null && !Files.isReadable(chatTargets)) {
                throw new IllegalArgumentException("--chat-targets: cannot read " + chatTargets);
            }
            root = root.toAbsolutePath().normalize();
            data = data == null ? root.resolve(".mooring") : data.toAbsolutePath().normalize();
            String version = MooringCli.class.getPackage().getImplementationVersion();
            Optional<ChatWebhook> chat = chatUrl == null ? Optional.empty() : Optional.of(ChatWebhook.parse(chatUrl, chatKind));
            return new Options(root, data, ready, demo, freePorts, chat, Optional.ofNullable(chatTargets),
                    version == null ? "0.1.0-SNAPSHOT" : version, replicas);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    private static final class Up {
        private final Options options;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private Map<ServerKind, StackServer> servers = Map.of();
        private LocalPlatform platform;
        private ChatInbox inbox;
        private volatile LocalPrometheus prometheus;

        Up(Options options) {
            this.options = options;
        }

        void run() throws Exception {
            Files.createDirectories(options.data().resolve("logs"));
            // from here on, whatever ends this process, the watchdog stops what it started
            Watchdog.start(options.root(), options.data());
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(this::shutdown));
            String operatorToken = token("operator-token");
            String readToken = token("read-token");

            say("starting Kafka, PostgreSQL, Redis (TLS), OpenSearch and S3Proxy under " + options.data() + " ...");
            long t0 = System.nanoTime();
            servers = LocalStack.start(options.data().resolve("servers"));
            PostgresServer postgres = (PostgresServer) servers.get(ServerKind.POSTGRES);
            Map<Service, String> databases = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                service.database().ifPresent(db -> {
                    postgres.createDatabase(db);
                    databases.put(service, db);
                });
            }
            Map<String, String> serverEnv = LocalStack.environment(servers);
            LocalStack.writeEnvironmentFile(options.data().resolve("stack.env"), serverEnv);
            servers.values().forEach(s -> say(String.format("%-10s %s", s.kind().name().toLowerCase(), describe(s))));
            say(String.format("servers ready in %.1f s", (System.nanoTime() - t0) / 1e9));

            inbox = new ChatInbox(message -> say("chat       " + ChatInbox.text(message)));
            Map<String, String> extra = Map.of(
                    "MOORING_AUTH_OPERATOR_TOKENS", operatorToken,
                    "MOORING_AUTH_READ_TOKENS", readToken);
            Map<Service, Map<String, String>> chat = Map.of(Service.CHATOPS,
                    ChatWebhook.relayEnvironment(inbox.url(), options.chat(), options.chatTargets(), options.data()),
                    Service.BACKUP, BackupKeys.environment(options.data()));
            options.chat().ifPresent(webhook -> say("chat messages go to " + webhook.describe() + " and are shown here"));
            options.chatTargets().ifPresent(file -> say("chat targets and routes from " + file));
            int replicas = options.replicas().replicas();
            say(replicas == 1 ? "starting the five services ..." : "starting " + replicas + " replicas of each of the five services ...");
            platform = new LocalPlatform(options.root(), options.version(), serverEnv, databases, extra, chat,
                    options.replicas(), options.freePorts() ? port -> Ports.free() : Ports::preferred,
                    options.data().resolve("logs"));
            platform.start(Duration.ofMinutes(5));
            say(String.format("platform ready in %.1f s", (System.nanoTime() - t0) / 1e9));
            Map<String, String> urls = new TreeMap<>();
            for (Service service : Service.values()) {
                for (int replica = 1; replica <= replicas; replica++) {
                    ServiceProcess process = platform.replicas(service).get(replica - 1);
                    urls.put(ReplicaPlan.urlVariable(service, replica), process.url());
                    say(String.format("%-16s %s   (API browser: %s/swagger-ui/index.html, log: %s)", process.name(),
                            process.url(), process.url(), options.root().relativize(process.log())));
                }
            }
            startPrometheus(urls);
            LocalStack.writeEnvironmentFile(options.data().resolve("services.env"), urls);
            say("operator token: " + operatorToken + "   (also in " + options.root().relativize(options.data().resolve("operator-token")) + ")");
            say("read-only token: " + readToken);
            say("server settings for kcat, psql, redis-cli, S3 clients: " + options.root().relativize(options.data().resolve("stack.env")));
            say("backup age identity (age -d -i): " + options.root().relativize(options.data().resolve("backup/age-identity.txt")));

            if (options.demo()) {
                new Demo(platform, new ApiClient(operatorToken), OUT).run(Duration.ofMinutes(2));
            }
            if (options.readyFile() != null) {
                Files.writeString(options.readyFile(), "ready\n");
            }
            say("Ctrl-C stops everything.");
            streamStatus();
        }

        private void streamStatus() throws InterruptedException {
            Map<String, String> last = states();
            long lastSummary = System.nanoTime();
            while (!stopped.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
                Map<String, String> now = states();
                now.forEach((name, state) -> {
                    if (!state.equals(last.get(name))) {
                        say(String.format("%-16s %s", name, state));
                    }
                });
                last.putAll(now);
                if (System.nanoTime() - lastSummary > Duration.ofSeconds(60).toNanos()) {
                    List<String> summary = new ArrayList<>();
                    now.forEach((name, state) -> summary.add(name + " " + state));
                    say("status: " + String.join(" | ", summary));
                    lastSummary = System.nanoTime();
                }
            }
        }

        /** UP, DOWN, UNREACHABLE (from /health) or EXITED, per replica. */
        private Map<String, String> states() {
            Map<String, String> states = new java.util.LinkedHashMap<>();
            platform.all().forEach(process -> states.put(process.name(), process.isAlive() ? process.health() : "EXITED"));
            return states;
        }

        /** Prometheus when installed; without it, or if it fails to start, the platform runs on. */
        private void startPrometheus(Map<String, String> urls) {
            Optional<Path> binary = LocalPrometheus.binary();
            if (binary.isEmpty()) {
                say("prometheus       not installed (Debian package prometheus): no local metrics and alerts");
                return;
            }
            Map<Service, List<String>> services = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                services.put(service, platform.replicas(service).stream().map(ServiceProcess::url).toList());
            }
            int port = options.freePorts() ? Ports.free() : Ports.preferred(LocalPrometheus.DEFAULT_PORT);
            try {
                prometheus = LocalPrometheus.start(binary.get(), options.root(), options.data(), services, port,
                        Duration.ofSeconds(60));
                urls.put("URL_PROMETHEUS", prometheus.url());
                say(String.format("%-16s %s   (alerts: %s/alerts, config: %s, log: %s)", "prometheus", prometheus.url(),
                        prometheus.url(), options.root().relativize(options.data().resolve("prometheus.yml")),
                        options.root().relativize(prometheus.log())));
            } catch (IOException e) {
                say("prometheus       not started: " + e.getMessage());
            }
        }

        private void shutdown() {
            stopped.countDown();
            say("stopping ...");
            if (prometheus != null) {
                prometheus.close();
            }
            if (platform != null) {
                platform.close();
            }
            if (inbox != null) {
                inbox.close();
            }
            LocalStack.stop(servers);
            if (options.readyFile() != null) {
                try {
                    Files.deleteIfExists(options.readyFile());
                } catch (IOException ignored) {
                    // the file only marks readiness
                }
            }
            say("stopped");
        }

        /** A random token kept in {@code .mooring/<name>}, so a second {@code up} keeps it. */
        private String token(String name) throws IOException {
            Path file = options.data().resolve(name);
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String token = "mrg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, token + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return token;
        }

        private static String describe(StackServer server) {
            Map<String, String> props = server.properties();
            return switch (server.kind()) {
                case KAFKA -> props.get(ServerProperties.KAFKA_BOOTSTRAP);
                case POSTGRES -> "postgresql://" + props.get(ServerProperties.PG_USER) + "@" + props.get(ServerProperties.PG_HOST)
                        + ":" + props.get(ServerProperties.PG_PORT);
                case TENANT_POSTGRES -> "postgresql://" + props.get(ServerProperties.TENANT_PG_USER) + "@"
                        + props.get(ServerProperties.TENANT_PG_HOST) + ":" + props.get(ServerProperties.TENANT_PG_PORT) + " (tenant databases)";
                case REDIS -> props.get(ServerProperties.REDIS_URI).replaceFirst("//[^@/]*@", "//") + " (CA " + props.get(ServerProperties.REDIS_CA_FILE) + ")";
                case OPENSEARCH -> props.get(ServerProperties.OPENSEARCH_URL);
                case S3 -> props.get(ServerProperties.S3_ENDPOINT);
            };
        }
    }

    static void say(String line) {
        OUT.println(LocalTime.now().format(CLOCK) + " " + line);
    }
}
