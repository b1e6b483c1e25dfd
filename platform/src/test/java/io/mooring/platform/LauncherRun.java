package io.mooring.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher of {@code ./mooring up} run as the script runs it (its own session, marked with the data
 * directory) from this test JVM's classpath, on free ports, with its own embedded servers under
 * {@code target/<name>/data}. For the ITs that need the whole platform as an operator starts it.
 */
final class LauncherRun implements AutoCloseable {
    static final Duration START = Duration.ofMinutes(8);

    private final Path root = Path.of(System.getProperty("mooring.root", "..")).toAbsolutePath().normalize();
    private final Path work;
    private final Path data;
    private final List<Process> launchers = new ArrayList<>();

    /** A fresh, empty data directory under {@code target/<name>}. */
    LauncherRun(String name) throws IOException {
        this.work = Path.of("target", name).toAbsolutePath();
        this.data = freshDirectory(work.resolve("data"));
    }

    Path data() {
        return data;
    }

    Path work() {
        return work;
    }

    /**
     * Starts launcher number {@code n} with {@code options} after {@code up --root --data --ready-file
     * --free-ports} and waits until it is ready (after {@code --demo} ran, if given). Its output goes
     * to {@code launcher-<n>.log}.
     */
    Process launch(int n, String... options) throws IOException {
        return launch(n, Map.of(), options);
    }

    /** {@link #launch(int, String...)} with settings of the launcher's environment ({@code MOORING_...}). */
    Process launch(int n, Map<String, String> environment, String... options) throws IOException {
        Path ready = data.resolve("ready");
        Files.deleteIfExists(ready);
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of("setsid", java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), MooringCli.class.getName(), "up",
                "--root", root.toString(), "--data", data.toString(), "--ready-file", ready.toString(), "--free-ports"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(n).toFile());
        // its own servers, not ones this JVM may have been pointed at
        builder.environment().keySet().removeIf(name -> name.startsWith("MOORING_"));
        builder.environment().putAll(environment);
        builder.environment().put(Watchdog.INSTANCE, data.toString());
        Process process = builder.start();
        launchers.add(process);
        await().atMost(START).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(process.isAlive()).as("launcher %d is running (see %s)", n, log(n)).isTrue();
            return Files.exists(ready);
        });
        return process;
    }

    Path log(int n) {
        return work.resolve("launcher-" + n + ".log");
    }

    /** The service URLs the launcher wrote to {@code services.env} ({@code URL_PROVISIONER}, ...). */
    Map<String, String> services() throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(data.resolve("services.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    String operatorToken() throws IOException {
        return Files.readString(data.resolve("operator-token")).strip();
    }

    /** Stops every launcher still running (SIGTERM: it stops its services and servers) and waits for it. */
    @Override
    public void close() {
        launchers.forEach(Process::destroy);
        launchers.forEach(p -> p.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(t -> null).join());
    }

    private static Path freshDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        return dir.toRealPath();
    }
}
