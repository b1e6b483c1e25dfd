package io.mooring.bench;

import io.mooring.platform.Service;
import io.mooring.platform.ServiceProcess;
import io.mooring.stack.LocalStack;
import io.mooring.stack.PostgresServer;
import io.mooring.stack.ServerKind;
import io.mooring.stack.ServerProperties;
import io.mooring.stack.Servers;
import io.mooring.stack.StackServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The provisioner jar as a child process, as the local platform runs it, against the shared servers
 * it needs (started here unless {@code MOORING_*} variables name external ones) and a database of its
 * own. Closing stops the process and drops the database; embedded servers stop when the JVM exits.
 */
final class RunningProvisioner implements AutoCloseable {
    /** What the provisioner is configured with by the platform, less OpenSearch, which it does not use. */
    static final Set<ServerKind> SERVERS = EnumSet.of(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS, ServerKind.S3);

    private final Map<ServerKind, StackServer> servers;
    private final String database;
    private final ServiceProcess process;
    private final Path jar;
    private final String operatorToken;

    private RunningProvisioner(Map<ServerKind, StackServer> servers, String database, ServiceProcess process, Path jar,
                               String operatorToken) {
        this.servers = servers;
        this.database = database;
        this.process = process;
        this.jar = jar;
        this.operatorToken = operatorToken;
    }

    /**
     * @param root     the repository root (the jar is {@code provisioner/target/provisioner-<version>-all.jar})
     * @param extraEnv further settings for the provisioner, e.g. a higher rate limit
     */
    static RunningProvisioner start(Path root, String version, Path logDir, Map<String, String> extraEnv, Duration timeout)
            throws IOException {
        Map<ServerKind, StackServer> servers = Servers.start(SERVERS);
        Map<String, String> env = new HashMap<>(LocalStack.environment(servers));
        String database = "provisioner_bench_" + Long.toHexString(System.nanoTime());
        ((PostgresServer) servers.get(ServerKind.POSTGRES)).createDatabase(database);
        String operatorToken = "bench-operator-" + UUID.randomUUID();
        env.put("MOORING_PG_DATABASE", database);
        env.put("MOORING_AUTH_OPERATOR_TOKENS", operatorToken);
        env.put("MOORING_AUTH_READ_TOKENS", "bench-reader-" + UUID.randomUUID());
        env.putAll(extraEnv);
        Path jar = Service.PROVISIONER.jar(root, version);
        ServiceProcess process = new ServiceProcess(Service.PROVISIONER, freePort(), jar, env, logDir);
        RunningProvisioner provisioner = new RunningProvisioner(servers, database, process, jar, operatorToken);
        try {
            process.start();
            provisioner.awaitHealthy(timeout);
            return provisioner;
        } catch (IOException | RuntimeException e) {
            provisioner.close();
            throw e;
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"UP".equals(process.health())) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the provisioner exited during start-up; last log lines:\n" + process.logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the provisioner is not healthy after " + timeout.toSeconds()
                        + " s; last log lines:\n" + process.logTail(40));
            }
            Pause.of(Duration.ofMillis(500));
        }
    }

    String url() {
        return process.url();
    }

    String operatorToken() {
        return operatorToken;
    }

    Path log() {
        return process.log();
    }

    /** A new connection to the provisioner's database, as the superuser. */
    Connection database() throws SQLException {
        PostgresServer postgres = (PostgresServer) servers.get(ServerKind.POSTGRES);
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    }

    String kafkaBootstrap() {
        return servers.get(ServerKind.KAFKA).properties().get(ServerProperties.KAFKA_BOOTSTRAP);
    }

    /** The servers and where they listen, one {@code kind=address} per server. */
    Map<String, String> serverAddresses() {
        Map<String, String> addresses = new TreeMap<>();
        servers.forEach((kind, server) -> addresses.put(kind.name().toLowerCase(Locale.ROOT),
                (server.external() ? "external " : "embedded ") + address(server)));
        return addresses;
    }

    private static String address(StackServer server) {
        Map<String, String> p = server.properties();
        return switch (server.kind()) {
            case KAFKA -> p.get(ServerProperties.KAFKA_BOOTSTRAP);
            case POSTGRES -> p.get(ServerProperties.PG_HOST) + ":" + p.get(ServerProperties.PG_PORT);
            case TENANT_POSTGRES -> p.get(ServerProperties.TENANT_PG_HOST) + ":" + p.get(ServerProperties.TENANT_PG_PORT);
            case REDIS -> p.get(ServerProperties.REDIS_URI);
            case S3 -> p.get(ServerProperties.S3_ENDPOINT);
            case OPENSEARCH -> p.get(ServerProperties.OPENSEARCH_URL);
        };
    }

    /** The JVM options of the provisioner process, as the operating system reports them. */
    Optional<List<String>> jvmOptions() {
        return ProcessHandle.current().children()
                .map(child -> child.info().arguments().map(List::of).orElse(List.of()))
                .filter(args -> args.contains(jar.toString()))
                .findFirst()
                .map(args -> args.stream().takeWhile(a -> !"-jar".equals(a)).toList());
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
        PostgresServer postgres = (PostgresServer) servers.get(ServerKind.POSTGRES);
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
             Statement drop = c.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("bench: could not drop database " + database + ": " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
