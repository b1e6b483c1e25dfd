package io.mooring.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One shared server of each kind per JVM, started on first use and stopped when the JVM exits.
 * A server named by MOORING_* environment variables (see {@link ServerProperties}) is used instead of
 * starting one; otherwise {@link ServerProvider} chooses embedded servers (the default) or containers.
 * Embedded servers work in {@code target/mooring-servers/<random>} under the current
 * directory; the system property {@code mooring.servers.dir} replaces {@code target/mooring-servers}.
 */
public final class Servers {

    public static final String DIR_PROPERTY = "mooring.servers.dir";

    private static final Map<ServerKind, StackServer> SERVERS = new ConcurrentHashMap<>();
    private static final Map<ServerKind, Object> LOCKS = new EnumMap<>(ServerKind.class);
    private static Path runDir;

    static {
        for (ServerKind kind : ServerKind.values()) {
            LOCKS.put(kind, new Object());
        }
    }

    private Servers() {
    }

    public static KafkaServer kafka() {
        return (KafkaServer) get(ServerKind.KAFKA);
    }

    public static PostgresServer postgres() {
        return (PostgresServer) get(ServerKind.POSTGRES);
    }

    /** The cluster tenant databases are created on, a server apart from {@link #postgres()}. */
    public static TenantPostgresServer tenantPostgres() {
        return (TenantPostgresServer) get(ServerKind.TENANT_POSTGRES);
    }

    public static RedisServer redis() {
        return (RedisServer) get(ServerKind.REDIS);
    }

    public static OpenSearchServer openSearch() {
        return (OpenSearchServer) get(ServerKind.OPENSEARCH);
    }

    public static S3Server s3() {
        return (S3Server) get(ServerKind.S3);
    }

    /** The shared server of {@code kind}, starting it if needed. */
    public static StackServer get(ServerKind kind) {
        StackServer server = SERVERS.get(kind);
        if (server != null) {
            return server;
        }
        synchronized (LOCKS.get(kind)) {
            server = SERVERS.get(kind);
            if (server == null) {
                server = ExternalServer.fromEnvironment(kind, System.getenv())
                        .orElseGet(() -> switch (ServerProvider.current()) {
                            case EMBEDDED -> ServerStarter.embedded(kind, runDir(), false);
                            case TESTCONTAINERS -> ContainerServers.start(kind, runDir());
                        });
                SERVERS.put(kind, server);
            }
            return server;
        }
    }

    /** The shared servers of these kinds, those not yet running started in parallel. */
    public static Map<ServerKind, StackServer> start(Set<ServerKind> kinds) {
        return Map.copyOf(ServerStarter.inParallel(kinds, Servers::get, false));
    }

    /** Micronaut properties ({@code mooring.*}) of the shared servers of these kinds, started if needed. */
    public static Map<String, String> properties(Set<ServerKind> kinds) {
        Map<String, String> properties = new TreeMap<>();
        start(kinds).values().forEach(server -> properties.putAll(server.properties()));
        return properties;
    }

    public static Map<String, String> properties(ServerKind... kinds) {
        return properties(kinds.length == 0 ? EnumSet.noneOf(ServerKind.class) : EnumSet.of(kinds[0], kinds));
    }

    /** The same settings as environment variables ({@code MOORING_*}), for child processes. */
    public static Map<String, String> environment(Set<ServerKind> kinds) {
        return ServerProperties.toEnvironment(properties(kinds));
    }

    public static Map<String, String> environment(ServerKind... kinds) {
        return ServerProperties.toEnvironment(properties(kinds));
    }

    /** This JVM's directory for embedded servers, created on first use. */
    public static synchronized Path runDir() {
        if (runDir == null) {
            Path base = Path.of(System.getProperty(DIR_PROPERTY, "target/mooring-servers")).toAbsolutePath();
            String name = "run-" + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
            try {
                runDir = Files.createDirectories(base.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + base.resolve(name), e);
            }
        }
        return runDir;
    }
}
