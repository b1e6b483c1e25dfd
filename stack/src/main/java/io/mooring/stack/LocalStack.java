package io.mooring.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every server with persistent data under one directory (kafka/, postgres/, tenant_postgres/, redis/,
 * opensearch/, s3/), as the local platform runs them: tenant databases on a PostgreSQL server of their
 * own. A second start with the same directory keeps the data and, where they are free, the ports
 * ({@link Ports#kept}).
 */
public final class LocalStack {

    private LocalStack() {
    }

    /** Starts the servers in parallel; if one fails, the others are stopped and the failure thrown. */
    public static Map<ServerKind, StackServer> start(Path dataDir) {
        Path base = dataDir.toAbsolutePath();
        return Map.copyOf(ServerStarter.inParallel(EnumSet.allOf(ServerKind.class),
                kind -> ServerStarter.embedded(kind, base, true), true));
    }

    /** The servers' connection settings as {@code MOORING_*} variables, sorted. */
    public static Map<String, String> environment(Map<ServerKind, StackServer> servers) {
        Map<String, String> env = new TreeMap<>();
        servers.values().forEach(server -> env.putAll(server.environment()));
        return env;
    }

    /**
     * Writes {@code KEY=VALUE} lines (the format of {@code stack.env}), replacing the file at once so
     * a reader never sees half of it.
     */
    public static void writeEnvironmentFile(Path file, Map<String, String> values) throws IOException {
        String text = values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        // it holds passwords: readable by its owner only
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Stops the embedded servers in parallel and waits for all; failures are reported on stderr. */
    public static void stop(Map<ServerKind, StackServer> servers) {
        List<Thread> stopping = servers.values().stream()
                .filter(server -> !server.external())
                .map(server -> Thread.ofPlatform().name("mooring-stop-" + server.kind().name().toLowerCase(Locale.ROOT))
                        .start(() -> {
                            try {
                                server.stop();
                            } catch (RuntimeException e) {
                                System.err.println("cannot stop " + server + ": " + e);
                            }
                        }))
                .toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
