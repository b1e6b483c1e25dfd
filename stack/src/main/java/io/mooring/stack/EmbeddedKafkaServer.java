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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka broker in KRaft mode (one combined broker + controller node) run as a child JVM with the
 * broker classpath the build copied. Data lives in {@code dir/data}; a formatted dir is reused.
 */
public final class EmbeddedKafkaServer implements KafkaServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

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
    private ChildProcess process;

    private EmbeddedKafkaServer(Path dir, Path classpathDir, int port, int controllerPort) {
        this.dir = dir;
        this.classpathDir = classpathDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker on free ports, formatting {@code dir/data} unless already formatted. */
    public static EmbeddedKafkaServer start(Path dir) {
        Path classpathDir = ServerLocations.requireExists(ServerLocations.load().kafkaClasspathDir());
        EmbeddedKafkaServer server = new EmbeddedKafkaServer(dir.toAbsolutePath(), classpathDir,
                Ports.free(), Ports.free());
        server.start();
        return server;
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
        return "EmbeddedKafkaServer[" + bootstrapServers() + ", " + dir + "]";
    }

    private void format() {
        ChildProcess format = ChildProcess.start("kafka-storage-format", new ProcessBuilder(java(
                "kafka.tools.StorageTool", "format", "-t", randomClusterId(),
                "-c", dir.resolve("server.properties").toString())).directory(dir.toFile()),
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
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
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
