package io.mooring.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./mooring watchdog}, started by the launcher before anything else with a pipe from the
 * launcher on its stdin. However the launcher ends (Ctrl-C, {@code kill -9}, the out-of-memory killer,
 * a closed terminal), the kernel closes that pipe; the watchdog then stops every process still
 * marked with the launcher's {@code MOORING_INSTANCE} or left in its process group, and ends.
 */
final class Watchdog {
    static final String INSTANCE = "MOORING_INSTANCE";

    /** Held while the launcher lives: collecting it would close the pipe and set the watchdog off. */
    private static Process process;

    private Watchdog() {
    }

    /**
     * Checks that this launcher carries the instance mark for {@code data} (as {@code ./mooring up}
     * sets it), writes {@code <data>/mooring.pid} and starts the watchdog.
     */
    static synchronized void start(Path root, Path data) throws IOException {
        String mark = System.getenv(INSTANCE);
        if (mark == null || !Path.of(mark).toAbsolutePath().normalize().equals(data)) {
            throw new IllegalStateException(INSTANCE + " must name the data directory " + data
                    + " (./mooring up sets it), so that what this launcher starts can be found if it dies");
        }
        Files.writeString(data.resolve("mooring.pid"), ProcessHandle.current().pid() + "\n");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("mooring").toString(), "watchdog")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("logs").resolve("watchdog.log").toFile()));
        // the watchdog itself is not marked: it must not count among what it stops
        builder.environment().remove(INSTANCE);
        builder.environment().put("MOORING_DATA_DIR", mark);
        process = builder.start();
    }
}
