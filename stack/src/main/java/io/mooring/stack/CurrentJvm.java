package io.mooring.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Facts about this JVM and its user that child processes depend on. */
final class CurrentJvm {

    private CurrentJvm() {
    }

    /** The java binary running this JVM; child JVMs use the same one. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(command -> Path.of(command).getFileName().toString().equals("java"))
                .orElseGet(() -> javaHome().resolve("bin").resolve("java").toString());
    }

    static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    static int featureVersion() {
        return Runtime.version().feature();
    }

    /** Options for child JVMs that keep newer JDKs quiet about JNI and sun.misc.Unsafe users. */
    static List<String> quietJdkWarnings() {
        List<String> options = new ArrayList<>();
        if (featureVersion() >= 22) {
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        if (featureVersion() >= 23) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return options;
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
