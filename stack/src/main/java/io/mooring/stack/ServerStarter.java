package io.mooring.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** Starts embedded servers, several at once in parallel threads (OpenSearch is the slow one). */
final class ServerStarter {

    private ServerStarter() {
    }

    /** Starts the embedded server of {@code kind} in {@code baseDir/<kind>}. */
    static StackServer embedded(ServerKind kind, Path baseDir, boolean persistent) {
        Path dir = baseDir.resolve(kind.name().toLowerCase(Locale.ROOT));
        return switch (kind) {
            case KAFKA -> EmbeddedKafkaServer.start(dir);
            case POSTGRES -> EmbeddedPostgresServer.start(dir, persistent);
            case TENANT_POSTGRES -> TenantPostgresServer.withBackupRole(EmbeddedPostgresServer.start(dir, persistent), dir, persistent);
            case REDIS -> EmbeddedRedisServer.start(dir, persistent);
            case OPENSEARCH -> EmbeddedOpenSearchServer.start(dir);
            case S3 -> EmbeddedS3Server.start(dir);
        };
    }

    /**
     * Runs {@code start} for every kind in its own thread and waits for all. If any fails, the first
     * failure is thrown with the others suppressed, after stopping the started embedded servers if asked.
     */
    static Map<ServerKind, StackServer> inParallel(Collection<ServerKind> kinds,
                                                   Function<ServerKind, StackServer> start,
                                                   boolean stopStartedOnFailure) {
        Map<ServerKind, CompletableFuture<StackServer>> futures = new EnumMap<>(ServerKind.class);
        for (ServerKind kind : kinds) {
            CompletableFuture<StackServer> future = new CompletableFuture<>();
            Thread.ofPlatform().name("mooring-start-" + kind.name().toLowerCase(Locale.ROOT)).start(() -> {
                try {
                    future.complete(start.apply(kind));
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
            futures.put(kind, future);
        }
        Map<ServerKind, StackServer> started = new EnumMap<>(ServerKind.class);
        List<Throwable> failures = new ArrayList<>();
        futures.forEach((kind, future) -> {
            try {
                started.put(kind, future.join());
            } catch (CompletionException e) {
                failures.add(e.getCause());
            }
        });
        if (!failures.isEmpty()) {
            if (stopStartedOnFailure) {
                started.values().stream().filter(s -> !s.external()).forEach(StackServer::stop);
            }
            RuntimeException first = failures.getFirst() instanceof RuntimeException r ? r
                    : new IllegalStateException(failures.getFirst());
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
        return started;
    }
}
