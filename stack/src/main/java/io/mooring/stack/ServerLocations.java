package io.mooring.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the build put the server distributions ({@code stack/target/servers}), read from the filtered
 * resource {@code io/mooring/stack/servers.properties}.
 */
record ServerLocations(Path kafkaClasspathDir, Path s3proxyJar, String openSearchVersion, Path openSearchZip,
                       Path openSearchModulesDir, Path openSearchHome) {

    private static final String RESOURCE = "servers.properties";

    static ServerLocations load() {
        Properties p = new Properties();
        try (InputStream in = ServerLocations.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("io/mooring/stack/" + RESOURCE + " missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServerLocations(
                Path.of(p.getProperty("kafka.classpath.dir")),
                Path.of(p.getProperty("s3proxy.jar")),
                p.getProperty("opensearch.version"),
                Path.of(p.getProperty("opensearch.zip")),
                Path.of(p.getProperty("opensearch.modules.dir")),
                Path.of(p.getProperty("opensearch.home.dir")));
    }

    /** Fails clearly when the build step that copies the distributions has not run. */
    static Path requireExists(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " does not exist: build the stack module first"
                    + " (mvn -pl stack process-resources copies the server distributions)");
        }
        return path;
    }
}
