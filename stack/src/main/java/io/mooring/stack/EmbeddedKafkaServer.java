package io.mooring.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka broker in KRaft mode (one combined broker + controller node) run as a child JVM with the
 * broker classpath the build copied. Data lives in {@code dir/data}; a formatted dir is reused.
 * {@link #startSecured} adds the listeners managed services offer: SASL_SSL (SCRAM-SHA-512,
 * SCRAM-SHA-256 and PLAIN) and SSL with a required client certificate, both with a server
 * certificate from the stack's dev CA in {@code dir/tls}.
 */
public final class EmbeddedKafkaServer implements KafkaServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9._-]+");

    private static final String LOG4J2 = """
            status = warn
            appender.console.type = Console
            appender.console.name = STDOUT
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = [%d] %p %m (%c)%n
            rootLogger.level = WARN
            rootLogger.appenderRef.stdout.ref = STDOUT
            logger.started.name = kafka.server.KafkaRaftServer
            logger.started.level = INFO
            """;

    private final Path dir;
    private final Path classpathDir;
    private final int port;
    private final int controllerPort;
    private final Secured secured;
    private ChildProcess process;

    /** Ports of the SASL_SSL and mutual-TLS listeners and the users the broker knows. */
    private record Secured(int saslSslPort, int mutualTlsPort, Map<String, String> users) {
    }

    private EmbeddedKafkaServer(Path dir, Path classpathDir, int port, int controllerPort, Secured secured) {
        this.dir = dir;
        this.classpathDir = classpathDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.secured = secured;
    }

    /** Starts a broker on free ports, formatting {@code dir/data} unless already formatted. */
    public static EmbeddedKafkaServer start(Path dir) {
        Path classpathDir = ServerLocations.requireExists(ServerLocations.load().kafkaClasspathDir());
        Path home = dir.toAbsolutePath();
        EmbeddedKafkaServer server = new EmbeddedKafkaServer(home, classpathDir,
                Ports.kept(home, "broker"), Ports.kept(home, "controller"), null);
        server.start();
        return server;
    }

    /**
     * Starts a broker that also has a SASL_SSL listener, where {@code users} (name to password) log in
     * with SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN, and an SSL listener that requires a client
     * certificate signed by the dev CA ({@link #issueClientCertificate}). SCRAM credentials are written
     * when {@code dir/data} is formatted, so a reused dir keeps the users it was first started with.
     */
    public static EmbeddedKafkaServer startSecured(Path dir, Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a secured broker needs at least one user");
        }
        users.forEach((user, password) -> {
            if (!SIMPLE.matcher(user).matches() || !SIMPLE.matcher(password).matches()) {
                throw new IllegalArgumentException("user names and passwords of the secured broker are limited to "
                        + SIMPLE.pattern() + " (they go into its formatting command and server.properties)");
            }
        });
        Path classpathDir = ServerLocations.requireExists(ServerLocations.load().kafkaClasspathDir());
        EmbeddedKafkaServer server = new EmbeddedKafkaServer(dir.toAbsolutePath(), classpathDir,
                Ports.free(), Ports.free(), new Secured(Ports.free(), Ports.free(), new TreeMap<>(users)));
        server.start();
        return server;
    }

    /** {@code host:port} of the SASL_SSL listener. */
    public String saslSslBootstrapServers() {
        return Ports.HOST + ":" + requireSecured().saslSslPort();
    }

    /** {@code host:port} of the SSL listener that requires a client certificate. */
    public String mutualTlsBootstrapServers() {
        return Ports.HOST + ":" + requireSecured().mutualTlsPort();
    }

    /** PEM file of the dev CA that signed the broker's certificate. */
    public Path caCertificate() {
        requireSecured();
        return tlsDir().resolve(DevCertificates.CA_CERT);
    }

    /** A client certificate the mutual-TLS listener accepts. */
    public DevCertificates.ClientCertificate issueClientCertificate(String commonName) {
        requireSecured();
        return DevCertificates.issueClient(tlsDir(), commonName);
    }

    private Secured requireSecured() {
        if (secured == null) {
            throw new IllegalStateException("this broker has only a PLAINTEXT listener: start it with startSecured");
        }
        return secured;
    }

    private Path tlsDir() {
        return dir.resolve("tls");
    }

    @Override
    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    public Path directory() {
        return dir;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(dir.resolve("data"));
            if (secured != null) {
                DevCertificates.ensure(tlsDir());
                Files.writeString(tlsDir().resolve("broker.pem"), Files.readString(tlsDir().resolve(DevCertificates.SERVER_KEY))
                        + Files.readString(tlsDir().resolve(DevCertificates.SERVER_CERT)));
            }
            Files.writeString(dir.resolve("server.properties"), serverProperties());
            Files.writeString(dir.resolve("log4j2.properties"), LOG4J2);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            format();
        }
        ChildProcess broker = ChildProcess.start("kafka",
                new ProcessBuilder(java("kafka.Kafka", dir.resolve("server.properties").toString())).directory(dir.toFile()),
                dir.resolve("kafka.log"));
        Readiness.await(broker, READY_TIMEOUT, () -> KafkaProbe.brokerListed(Ports.HOST, port));
        process = broker;
        LOG.info("kafka {} ready in {} ms (dir {})", bootstrapServers(), (System.nanoTime() - started) / 1_000_000, dir);
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    @Override
    public synchronized void freeze() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("kafka is not running");
        }
        process.freeze();
    }

    @Override
    public synchronized void thaw() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("kafka is not running");
        }
        process.thaw();
    }

    @Override
    public boolean external() {
        return false;
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaServer[" + bootstrapServers() + (secured == null ? "" : ", SASL_SSL " + saslSslBootstrapServers()
                + ", mTLS " + mutualTlsBootstrapServers()) + ", " + dir + "]";
    }

    private void format() {
        List<String> args = new ArrayList<>(List.of("format", "-t", randomClusterId(),
                "-c", dir.resolve("server.properties").toString()));
        if (secured != null) {
            secured.users().forEach((user, password) -> {
                for (String mechanism : List.of("SCRAM-SHA-512", "SCRAM-SHA-256")) {
                    args.addAll(List.of("--add-scram", mechanism + "=[name=" + user + ",password=" + password + "]"));
                }
            });
        }
        ChildProcess format = ChildProcess.start("kafka-storage-format", new ProcessBuilder(java(
                "kafka.tools.StorageTool", args.toArray(String[]::new))).directory(dir.toFile()),
                dir.resolve("format.log"));
        int exit = format.awaitExit(Duration.ofSeconds(60));
        if (exit != 0) {
            throw new IllegalStateException("formatting " + dir.resolve("data") + " failed (exit " + exit + ")"
                    + format.describeLog());
        }
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(CurrentJvm.javaExecutable(),
                "-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toUri()));
        command.addAll(CurrentJvm.quietJdkWarnings());
        command.addAll(List.of("-cp", classpathDir + "/*", mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private String serverProperties() {
        String host = Ports.HOST;
        String listeners = "PLAINTEXT://" + host + ":" + port;
        if (secured != null) {
            listeners += ",SASL_SSL://" + host + ":" + secured.saslSslPort() + ",MTLS://" + host + ":" + secured.mutualTlsPort();
        }
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=" + listeners + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=" + listeners,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL,MTLS:SSL",
                securedListenerProperties(),
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=true",
                "group.initial.rebalance.delay.ms=0",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "");
    }

    /** TLS with the dev CA's server certificate on both secured listeners; SASL users; client certificates required on MTLS. */
    private String securedListenerProperties() {
        if (secured == null) {
            return "";
        }
        StringBuilder plainUsers = new StringBuilder();
        secured.users().forEach((user, password) -> plainUsers.append(" user_").append(user).append("=\"")
                .append(password).append('"'));
        List<String> lines = new ArrayList<>();
        for (String listener : List.of("sasl_ssl", "mtls")) {
            String prefix = "listener.name." + listener + ".";
            lines.add(prefix + "ssl.keystore.type=PEM");
            lines.add(prefix + "ssl.keystore.location=" + tlsDir().resolve("broker.pem"));
            lines.add(prefix + "ssl.truststore.type=PEM");
            lines.add(prefix + "ssl.truststore.location=" + tlsDir().resolve(DevCertificates.CA_CERT));
        }
        lines.add("listener.name.mtls.ssl.client.auth=required");
        lines.add("listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512,SCRAM-SHA-256,PLAIN");
        lines.add("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;");
        lines.add("listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;");
        lines.add("listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                + plainUsers + ";");
        return String.join("\n", lines);
    }

    /** 16 random bytes, base64url without padding, like Kafka's own; never starting with '-' (an option). */
    private static String randomClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
