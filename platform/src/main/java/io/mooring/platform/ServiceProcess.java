package io.mooring.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service jar running as a child process, with its log file and health endpoint. */
public final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final String name;
    private final int port;
    private final Path jar;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    public ServiceProcess(Service service, int port, Path jar, Map<String, String> environment, Path logDir) {
        this(service, service.id(), port, jar, environment, logDir);
    }

    /** A replica named {@code name} (its log is {@code <logDir>/<name>.log}). */
    public ServiceProcess(Service service, String name, int port, Path jar, Map<String, String> environment, Path logDir) {
        this.service = service;
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.log = logDir.resolve(name + ".log");
    }

    public Service service() {
        return service;
    }

    /** The service's id, or {@code <id>-<n>} for replica n of several. */
    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public synchronized void start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build first (./mooring build)");
        }
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx320m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-jar", runCopy().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("MOORING_HTTP_PORT", Integer.toString(port));
        process = builder.start();
    }

    /**
     * The copy of the jar the process runs, beside the log directory ({@code jars/<build>-<jar name>}): a build that
     * rewrites the jar in place while the platform runs (./mooring test, ./mooring build) would otherwise take from
     * under the running JVM the classes it has not loaded yet. One copy per build, shared by replicas; copies of other
     * builds of the service are deleted (a process still running one keeps reading it).
     */
    private Path runCopy() throws IOException {
        Path dir = log.getParent().resolveSibling("jars");
        Files.createDirectories(dir);
        String build = Long.toHexString(Files.getLastModifiedTime(jar).toMillis()) + "-" + Long.toHexString(Files.size(jar));
        Path copy = dir.resolve(build + "-" + jar.getFileName());
        synchronized (ServiceProcess.class) {
            if (!Files.isRegularFile(copy)) {
                try (var others = Files.newDirectoryStream(dir, "*-" + jar.getFileName())) {
                    for (Path other : others) {
                        Files.deleteIfExists(other);
                    }
                }
                Path partial = dir.resolve(build + "-" + jar.getFileName() + ".partial");
                Files.copy(jar, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, copy, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return copy;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** "UP", "DOWN" or "UNREACHABLE", from {@code /health}. */
    public String health() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? "UP" : "DOWN";
        } catch (IOException e) {
            return "UNREACHABLE";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "UNREACHABLE";
        }
    }

    /** Asks the service to stop (SIGTERM), then kills it if it has not gone within the timeout. */
    public synchronized void stop(Duration timeout) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the process at once (SIGKILL), as the out-of-memory killer would, and waits until it is gone. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The last lines of the service's log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
