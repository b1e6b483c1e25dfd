package io.mooring.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A service runs a copy of its jar, so a build rewriting the jar meanwhile leaves the running process alone. */
class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void runsACopyOfTheJarThatARebuildNeitherTouchesNorPilesUp() throws Exception {
        Path jar = dir.resolve("target/svc-all.jar");
        writeJar(jar);
        Path logs = dir.resolve("run/logs");
        ServiceProcess first = new ServiceProcess(Service.PROVISIONER, 1, jar, Map.of(), logs);
        ServiceProcess second = new ServiceProcess(Service.PROVISIONER, "provisioner-2", 2, jar, Map.of(), logs);
        try {
            first.start();
            second.start();
            assertThat(copies()).as("replicas of one build share one copy").hasSize(1);
            Path running = copies().getFirst();
            byte[] built = Files.readAllBytes(jar);

            // the build rewrites the jar in place: the running processes read their copy
            Files.write(jar, new byte[]{1, 2, 3});
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(first.isAlive()).isTrue();
            assertThat(second.isAlive()).isTrue();
            assertThat(Files.readAllBytes(running)).isEqualTo(built);

            // a start after the rebuild copies the new jar and deletes the older copy
            writeJar(jar);
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(10)));
            second.stop(Duration.ofSeconds(5));
            second.start();
            assertThat(copies()).hasSize(1).doesNotContain(running);
            assertThat(first.isAlive()).as("a process keeps the copy it opened").isTrue();
        } finally {
            first.stop(Duration.ofSeconds(5));
            second.stop(Duration.ofSeconds(5));
        }
    }

    private List<Path> copies() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("run/jars"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-svc-all.jar")).toList();
        }
    }

    /** A runnable jar whose main class waits on its standard input (open until the process is stopped). */
    private void writeJar(Path jar) throws IOException {
        Path src = dir.resolve("src/Waits.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "public class Waits { public static void main(String[] a) throws Exception { System.in.read(); } }");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
        assertThat(compiled).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Waits");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry("Waits.class"));
            jarOut.write(Files.readAllBytes(classes.resolve("Waits.class")));
            jarOut.closeEntry();
        }
    }
}
