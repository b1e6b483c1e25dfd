package io.mooring.stack;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A server process started by this JVM. Its output is appended to a log file. Every live child is
 * stopped (process tree: SIGTERM, then SIGKILL after a grace period) by a JVM shutdown hook.
 */
final class ChildProcess {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);
    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::stopAllLive, "mooring-stack-children"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, ProcessBuilder builder, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            ChildProcess child = new ChildProcess(name, builder.start(), log);
            LIVE.add(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + builder.command(), e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGSTOP to the process tree: it keeps its sockets and answers nothing. */
    void freeze() {
        ProcessSignals.freeze(process.toHandle());
    }

    /** SIGCONT to the process tree. */
    void thaw() {
        ProcessSignals.thaw(process.toHandle());
    }

    /** "exited with code N", or "is running". */
    String status() {
        return process.isAlive() ? "is running" : "exited with code " + process.exitValue();
    }

    /** Waits for the process to end by itself; returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(Duration.ofSeconds(5));
                throw new IllegalStateException(name + " did not finish within " + timeout + describeLog());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Duration.ofSeconds(5));
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** Stops the process and its descendants: SIGTERM, then SIGKILL after {@code grace}. */
    void stop(Duration grace) {
        stopTrees(List.of(this), grace);
    }

    /** Last lines of the log, prefixed with the log's path, for error messages. */
    String describeLog() {
        return describeLog(log);
    }

    static String describeLog(Path log) {
        return "; last lines of " + log + ":\n" + logTail(log, 40);
    }

    static String logTail(Path log, int lines) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void stopAllLive() {
        stopTrees(List.copyOf(LIVE), SHUTDOWN_GRACE);
    }

    private static void stopTrees(List<ChildProcess> children, Duration grace) {
        // collect the trees first: once a parent dies its children are re-parented and no longer found
        List<ProcessHandle> tree = children.stream()
                .flatMap(c -> Stream.concat(Stream.of(c.process.toHandle()), c.process.descendants()))
                .toList();
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            tree.stream().filter(ProcessHandle::isAlive)
                    .flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
                    .forEach(ProcessHandle::destroyForcibly);
            CompletableFuture.allOf(exits).orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        children.forEach(c -> {
            c.process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
            LIVE.remove(c);
        });
    }
}
