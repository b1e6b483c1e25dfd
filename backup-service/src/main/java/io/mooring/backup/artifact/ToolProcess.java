package io.mooring.backup.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool ({@code pg_dump}, {@code pg_restore}) run as a child process, its environment
 * given (secrets travel there, never in arguments) and the tail of its stderr kept for the error message.
 */
final class ToolProcess implements AutoCloseable {
    private static final int TAIL = 2000;
    private static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();
    private final String name;
    private final Process process;
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stderrReader;

    private ToolProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stderrReader = Thread.ofVirtual().name(name + "-stderr").start(this::readStderr);
    }

    static ToolProcess start(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            return new ToolProcess(command.getFirst(), builder.start());
        } catch (IOException e) {
            throw new IOException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }

    /** The first line of {@code binary --version}, asked once per binary. */
    static String version(String binary) {
        return VERSIONS.computeIfAbsent(binary, b -> {
            try {
                Process p = new ProcessBuilder(b, "--version").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                p.waitFor(10, TimeUnit.SECONDS);
                return out.lines().findFirst().orElse("unknown");
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + b + " --version: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted asking " + b + " its version", e);
            }
        });
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    int waitFor() throws InterruptedException {
        int exit = process.waitFor();
        stderrReader.join(TimeUnit.SECONDS.toMillis(5));
        return exit;
    }

    /** What the tool said last on stderr. */
    String stderrTail() {
        synchronized (stderr) {
            return stderr.toString().strip();
        }
    }

    /** An exception naming the tool, its exit code and its last words. */
    IOException failed(int exit) {
        return new IOException(name + " exited with " + exit + (stderrTail().isEmpty() ? "" : ": " + stderrTail()));
    }

    private void readStderr() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getErrorStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (stderr) {
                    stderr.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderr.length() > TAIL) {
                        stderr.delete(0, stderr.length() - TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Kills the tool if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
