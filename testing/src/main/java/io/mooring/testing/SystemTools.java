package io.mooring.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/** The system tools tests run for real (nginx, systemd-analyze): found, or the test fails saying how to install them. */
public final class SystemTools {
    private SystemTools() {
    }

    /**
     * {@code name} on the PATH, else in the usual sbin and bin directories; fails the test with
     * {@code missing} (what to install) when it is nowhere.
     */
    public static Path find(String name, String missing) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/bin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseGet(() -> fail(name + " is not installed: " + missing));
    }
}
