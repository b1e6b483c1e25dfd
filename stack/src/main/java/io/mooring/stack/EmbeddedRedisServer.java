package io.mooring.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * Redis accepting TLS only ({@code port 0}, {@code tls-port P}), with a CA and server certificate
 * generated at start in its directory. The {@code default} user is off, so a client that does not
 * authenticate gets {@code NOAUTH}; the services log in as the ACL user {@code mooring} with a
 * generated password (kept in {@code mooring-password} when the data is persistent), carried in
 * {@link #uri()}. Uses the redis-server 6.2 bundled in embedded-redis, or the binary named by
 * {@code MOORING_REDIS_SERVER_BINARY}.
 */
public final class EmbeddedRedisServer implements RedisServer {

    /** Environment variable naming a redis-server binary to use instead of the bundled one. */
    public static final String BINARY_VARIABLE = "MOORING_REDIS_SERVER_BINARY";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** The ACL user of the services: every key and command, including ACL to create tenant users. */
    public static final String SERVICE_USER = "mooring";

    /**
     * The ACL user of the backup service: reads and restores the keys of accounts ({@code acct:*}), and
     * {@code ECHO}, which {@code redis-cli --pipe} sends last.
     */
    public static final String BACKUP_USER = "mooring-backup";
    static final String BACKUP_RULES = "~acct:* -@all +dump +restore +scan +pttl +info +ping +echo +hello +auth";

    private final ChildProcess process;
    private final int port;
    private final Path caCertificate;
    private final String password;
    private final String backupPassword;

    private EmbeddedRedisServer(ChildProcess process, int port, Path caCertificate, String password, String backupPassword) {
        this.process = process;
        this.port = port;
        this.caCertificate = caCertificate;
        this.password = password;
        this.backupPassword = backupPassword;
    }

    /**
     * Starts on a free TLS port with its files in {@code dir}. When {@code persistent}, data is saved
     * (RDB + append-only file) and ACL users can be saved with {@code ACL SAVE} to {@code users.acl};
     * otherwise nothing is written to disk.
     */
    public static EmbeddedRedisServer start(Path dir, boolean persistent) {
        long started = System.nanoTime();
        Path home = dir.toAbsolutePath();
        Path ca = DevCertificates.ensure(home);
        int port = Ports.kept(home, "redis");
        String password;
        String backupPassword;
        try {
            password = Secrets.password(home.resolve("mooring-password"), persistent);
            backupPassword = Secrets.password(home.resolve("backup-password"), persistent);
            List<String> users = users(password, backupPassword);
            Files.writeString(home.resolve("redis.conf"), config(home, port, persistent, users));
            if (persistent) {
                writeAclFile(home.resolve("users.acl"), users);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write redis config to " + home, e);
        }
        ChildProcess process = ChildProcess.start("redis",
                new ProcessBuilder(binary(home).toString(), home.resolve("redis.conf").toString()).directory(home.toFile()),
                home.resolve("redis.log"));
        SSLContext tls = trusting(ca);
        Readiness.await(process, READY_TIMEOUT, () -> answersPing(tls, port, password));
        EmbeddedRedisServer server = new EmbeddedRedisServer(process, port, ca, password, backupPassword);
        LOG.info("redis rediss://{}:{} ready in {} ms (dir {})", Ports.HOST, port, (System.nanoTime() - started) / 1_000_000, home);
        return server;
    }

    @Override
    public String uri() {
        return "rediss://" + SERVICE_USER + ":" + password + "@" + Ports.HOST + ":" + port;
    }

    @Override
    public java.util.Optional<String> backupUri() {
        return java.util.Optional.of("rediss://" + BACKUP_USER + ":" + backupPassword + "@" + Ports.HOST + ":" + port);
    }

    @Override
    public Path caCertificate() {
        return caCertificate;
    }

    @Override
    public synchronized void freeze() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("redis is not running");
        }
        process.freeze();
    }

    @Override
    public synchronized void thaw() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("redis is not running");
        }
        process.thaw();
    }

    @Override
    public boolean external() {
        return false;
    }

    @Override
    public void stop() {
        process.stop(STOP_GRACE);
    }

    @Override
    public String toString() {
        return "EmbeddedRedisServer[rediss://" + Ports.HOST + ":" + port + ", " + caCertificate.getParent() + "]";
    }

    /** The ACL lines: {@code default} off, the service user and the backup user with these passwords. */
    static List<String> users(String password, String backupPassword) {
        return List.of("user default off resetpass resetkeys resetchannels -@all",
                "user " + SERVICE_USER + " on #" + Secrets.sha256Hex(password) + " ~* &* +@all",
                "user " + BACKUP_USER + " on #" + Secrets.sha256Hex(backupPassword) + " " + BACKUP_RULES);
    }

    /**
     * Keeps the users saved by {@code ACL SAVE} (tenants) and replaces the lines of {@code default}
     * and the service user, so their rules and password are always this start's.
     */
    private static void writeAclFile(Path file, List<String> users) throws IOException {
        List<String> kept = new ArrayList<>(users);
        if (Files.exists(file)) {
            Files.readAllLines(file).stream()
                    .filter(line -> !line.isBlank())
                    .filter(line -> !line.startsWith("user default ") && !line.startsWith("user " + SERVICE_USER + " ")
                            && !line.startsWith("user " + BACKUP_USER + " "))
                    .forEach(kept::add);
        }
        Files.writeString(file, String.join("\n", kept) + "\n");
    }

    private static String config(Path home, int port, boolean persistent, List<String> users) {
        List<String> lines = new ArrayList<>(List.of(
                "bind " + Ports.HOST,
                "port 0",
                "tls-port " + port,
                "tls-cert-file " + quoted(home.resolve(DevCertificates.SERVER_CERT)),
                "tls-key-file " + quoted(home.resolve(DevCertificates.SERVER_KEY)),
                "tls-ca-cert-file " + quoted(home.resolve(DevCertificates.CA_CERT)),
                "tls-auth-clients no",
                "daemonize no",
                "logfile \"\"",
                "dir " + quoted(home)));
        if (persistent) {
            lines.addAll(List.of("save 300 1", "save 60 1000", "appendonly yes",
                    "aclfile " + quoted(home.resolve("users.acl"))));
        } else {
            // users go in the ACL file when there is one; Redis refuses both at once
            lines.addAll(List.of("save \"\"", "appendonly no"));
            lines.addAll(users);
        }
        return String.join("\n", lines) + "\n";
    }

    private static String quoted(Path path) {
        return '"' + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The override binary, or the bundled one copied (atomically) to {@code home/bin}. */
    private static Path binary(Path home) {
        String override = System.getenv(BINARY_VARIABLE);
        if (override != null && !override.isBlank()) {
            return Path.of(override.trim());
        }
        OsArchitecture platform = OsArchitecture.detectOSandArchitecture();
        String resource = ExecutableProvider.newProvidedVersionsMap().get(platform);
        if (resource == null) {
            throw new IllegalStateException("embedded-redis has no redis-server for " + platform.os + "/"
                    + platform.arch + "; set " + BINARY_VARIABLE);
        }
        try (InputStream in = ExecutableProvider.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the embedded-redis jar");
            }
            Path bin = Files.createDirectories(home.resolve("bin"));
            Path tmp = Files.createTempFile(bin, "redis-server", ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            return Files.move(tmp, bin.resolve("redis-server"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy redis-server to " + home, e);
        }
    }

    private static SSLContext trusting(Path caCertificate) {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + caCertificate, e);
        }
    }

    /** AUTH and PING over TLS, verifying the certificate chain and that it names 127.0.0.1. */
    private static boolean answersPing(SSLContext tls, int port, String password) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.connect(new InetSocketAddress(Ports.HOST, port), 1000);
            socket.setSoTimeout(2000);
            socket.startHandshake();
            String commands = "AUTH " + SERVICE_USER + " " + password + "\r\nPING\r\n";
            socket.getOutputStream().write(commands.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] reply = socket.getInputStream().readNBytes(12);
            return "+OK\r\n+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        }
    }
}
