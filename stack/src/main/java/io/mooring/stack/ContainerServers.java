package io.mooring.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.MountableFile;

/**
 * The servers as containers ({@link ServerProvider#TESTCONTAINERS}), through the same interfaces as the
 * embedded ones: Kafka from Testcontainers' Kafka module (KRaft, {@code apache/kafka}), PostgreSQL 15
 * (the major version of the {@code pg_dump} the backup tests run), Redis with TLS only and the dev-CA
 * certificates copied in, OpenSearch with its security plugin off, and MinIO. The images are the
 * compose file's, except PostgreSQL (see above). Needs a Docker engine; not run on the machines
 * without one, where the embedded servers are used.
 */
final class ContainerServers {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String POSTGRES_IMAGE = "postgres:15";
    static final String REDIS_IMAGE = "redis:7.4";
    static final String OPENSEARCH_IMAGE = "opensearchproject/opensearch:3.3.2";
    static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-09-07T16-13-09Z";

    static final int KAFKA_PORT = 9092;
    static final int REDIS_PORT = 6379;
    static final int OPENSEARCH_PORT = 9200;
    static final String TLS_DIR = "/tls/";
    static final String REGION = "us-east-1";

    private static final Logger LOG = LoggerFactory.getLogger(ContainerServers.class);
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private ContainerServers() {
    }

    /** Starts the container of {@code kind}; its files (certificates, passwords) go in {@code baseDir/<kind>}. */
    static StackServer start(ServerKind kind, Path baseDir) {
        Path dir = baseDir.resolve(kind.name().toLowerCase(Locale.ROOT));
        try {
            Files.createDirectories(dir);
            return switch (kind) {
                case KAFKA -> new Kafka(started(kafka(Ports.free())));
                case POSTGRES -> new Postgres(started(postgres(Secrets.password(dir.resolve("password"), false))));
                case TENANT_POSTGRES -> TenantPostgresServer.withBackupRole(
                        new Postgres(started(postgres(Secrets.password(dir.resolve("password"), false)))), dir, false);
                case REDIS -> {
                    String password = Secrets.password(dir.resolve("mooring-password"), false);
                    String backupPassword = Secrets.password(dir.resolve("backup-password"), false);
                    yield new Redis(started(redis(dir, password, backupPassword)), dir.resolve(DevCertificates.CA_CERT),
                            password, backupPassword);
                }
                case OPENSEARCH -> new OpenSearch(started(openSearch(EmbeddedOpenSearchServer.heap())));
                case S3 -> new S3(started(minio(Secrets.password(dir.resolve("secret-key"), false))));
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + " for the " + kind + " container", e);
        }
    }

    private static <C extends GenericContainer<?>> C started(C container) {
        long begin = System.nanoTime();
        container.start();
        LOG.info("container {} ({}) ready in {} ms", container.getDockerImageName(), container.getContainerId(),
                (System.nanoTime() - begin) / 1_000_000);
        return container;
    }

    /**
     * KRaft Kafka whose broker port is bound to the same host port at every start, so that
     * {@link KafkaServer#start()} after {@link StackServer#stop()} keeps the address it advertised.
     */
    static KafkaContainer kafka(int hostPort) {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withStartupTimeout(STARTUP);
        container.setPortBindings(List.of(hostPort + ":" + KAFKA_PORT));
        return container;
    }

    static PostgreSQLContainer postgres(String password) {
        return new PostgreSQLContainer(POSTGRES_IMAGE)
                .withUsername("postgres")
                .withPassword(password)
                .withDatabaseName("postgres")
                .withStartupTimeout(STARTUP);
    }

    /** Redis listening on TLS only, with the embedded server's users, and the dev CA's server certificate. */
    static GenericContainer<?> redis(Path dir, String password, String backupPassword) throws IOException {
        DevCertificates.ensure(dir);
        List<String> config = new ArrayList<>(List.of(
                "port 0",
                "tls-port " + REDIS_PORT,
                "tls-cert-file " + TLS_DIR + DevCertificates.SERVER_CERT,
                "tls-key-file " + TLS_DIR + DevCertificates.SERVER_KEY,
                "tls-ca-cert-file " + TLS_DIR + DevCertificates.CA_CERT,
                "tls-auth-clients no",
                "save \"\"",
                "appendonly no"));
        config.addAll(EmbeddedRedisServer.users(password, backupPassword));
        Path file = dir.resolve("redis.conf");
        Files.writeString(file, String.join("\n", config) + "\n");
        GenericContainer<?> container = new GenericContainer<>(REDIS_IMAGE)
                .withExposedPorts(REDIS_PORT)
                .withCommand("redis-server", "/usr/local/etc/redis/redis.conf")
                .withCopyFileToContainer(MountableFile.forHostPath(file, 0644), "/usr/local/etc/redis/redis.conf")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1))
                .withStartupTimeout(STARTUP);
        for (String name : List.of(DevCertificates.CA_CERT, DevCertificates.SERVER_CERT, DevCertificates.SERVER_KEY)) {
            // the image's redis user reads them; the key is a throwaway dev-CA key
            container.withCopyFileToContainer(MountableFile.forHostPath(dir.resolve(name), 0644), TLS_DIR + name);
        }
        return container;
    }

    static GenericContainer<?> openSearch(String heap) {
        return new GenericContainer<>(OPENSEARCH_IMAGE)
                .withExposedPorts(OPENSEARCH_PORT)
                .withEnv(Map.of(
                        "discovery.type", "single-node",
                        "DISABLE_SECURITY_PLUGIN", "true",
                        "DISABLE_INSTALL_DEMO_CONFIG", "true",
                        "OPENSEARCH_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap))
                .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow").forPort(OPENSEARCH_PORT)
                        .forStatusCode(200))
                .withStartupTimeout(STARTUP);
    }

    static MinIOContainer minio(String secretKey) {
        return new MinIOContainer(MINIO_IMAGE)
                .withUserName("mooring")
                .withPassword(secretKey)
                .withStartupTimeout(STARTUP);
    }

    /** Stops (without removing) and starts a container, or pauses and unpauses it, keeping its data. */
    private abstract static class Container implements StackServer {
        final GenericContainer<?> container;
        private boolean running = true;

        Container(GenericContainer<?> container) {
            this.container = container;
        }

        @Override
        public boolean external() {
            return false;
        }

        @Override
        public synchronized void stop() {
            container.stop();
            running = false;
        }

        @Override
        public void freeze() {
            container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
        }

        @Override
        public void thaw() {
            container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
        }

        synchronized boolean running() {
            return running;
        }

        /** Stops the container without removing it, so that {@link #restart()} keeps its data. */
        synchronized void halt() {
            container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
            running = false;
        }

        synchronized void restart() {
            if (!running) {
                container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
                running = true;
            }
        }

        String host() {
            return container.getHost();
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "Container[" + container.getDockerImageName() + ", "
                    + container.getContainerId() + "]";
        }
    }

    private static final class Kafka extends Container implements KafkaServer {
        Kafka(KafkaContainer container) {
            super(container);
        }

        @Override
        public String bootstrapServers() {
            return ((KafkaContainer) container).getBootstrapServers().replaceFirst("^PLAINTEXT://", "");
        }

        /** Tests stop and start the broker to simulate an outage: the container is kept, its data too. */
        @Override
        public void stop() {
            halt();
        }

        @Override
        public void start() {
            restart();
        }

        @Override
        public boolean isRunning() {
            return running();
        }
    }

    private static final class Postgres extends Container implements PostgresServer {
        Postgres(PostgreSQLContainer container) {
            super(container);
        }

        @Override
        public String host() {
            return super.host();
        }

        @Override
        public int port() {
            return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
        }

        @Override
        public String user() {
            return ((PostgreSQLContainer) container).getUsername();
        }

        @Override
        public String password() {
            return ((PostgreSQLContainer) container).getPassword();
        }
    }

    private static final class Redis extends Container implements RedisServer {
        private final Path caCertificate;
        private final String password;
        private final String backupPassword;

        Redis(GenericContainer<?> container, Path caCertificate, String password, String backupPassword) {
            super(container);
            this.caCertificate = caCertificate;
            this.password = password;
            this.backupPassword = backupPassword;
        }

        private String address() {
            return host() + ":" + container.getMappedPort(REDIS_PORT);
        }

        @Override
        public String uri() {
            return "rediss://" + EmbeddedRedisServer.SERVICE_USER + ":" + password + "@" + address();
        }

        @Override
        public java.util.Optional<String> backupUri() {
            return java.util.Optional.of("rediss://" + EmbeddedRedisServer.BACKUP_USER + ":" + backupPassword + "@" + address());
        }

        @Override
        public Path caCertificate() {
            return caCertificate;
        }
    }

    private static final class OpenSearch extends Container implements OpenSearchServer {
        OpenSearch(GenericContainer<?> container) {
            super(container);
        }

        @Override
        public String url() {
            return "http://" + host() + ":" + container.getMappedPort(OPENSEARCH_PORT);
        }
    }

    private static final class S3 extends Container implements S3Server {
        S3(MinIOContainer container) {
            super(container);
        }

        @Override
        public String endpoint() {
            return ((MinIOContainer) container).getS3URL();
        }

        @Override
        public String accessKey() {
            return ((MinIOContainer) container).getUserName();
        }

        @Override
        public String secretKey() {
            return ((MinIOContainer) container).getPassword();
        }

        @Override
        public String region() {
            return REGION;
        }
    }
}
