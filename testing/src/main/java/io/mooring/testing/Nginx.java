package io.mooring.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The real nginx in tests, with an {@code nginx.conf} whose every path (prefix, pid, logs, temp
 * directories) lies in one directory, so it needs no root-owned path: {@link #check} runs
 * {@code nginx -t} on a configuration, {@link #start} runs nginx in the foreground as a child
 * process. A missing nginx fails the test with the command that installs it: nothing is skipped.
 */
public final class Nginx implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** What {@code nginx -t} said. */
    public record Check(int exitCode, String output) {
        public boolean accepted() {
            return exitCode == 0;
        }

        /** The lines of level warn or worse. */
        public List<String> problems() {
            return output.lines().filter(line -> line.contains("[emerg]") || line.contains("[warn]")
                    || line.contains("[alert]") || line.contains("[crit]")).toList();
        }
    }

    /** {@code nginx -t} on a configuration with {@code http} in its http block, written to {@code dir}. */
    public static Check check(Path dir, String http) throws IOException, InterruptedException {
        Path conf = configure(dir, http);
        Process process = new ProcessBuilder(binary().toString(), "-t", "-e", "stderr", "-p", dir + "/", "-c", conf.toString())
                .redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("nginx -t did not finish within 60 s");
        }
        return new Check(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * Starts nginx in the foreground with {@code http} in its http block (whose server listens on
     * 127.0.0.1:{@code port}) and waits until that port accepts connections.
     */
    public static Nginx start(Path dir, String http, int port) throws IOException {
        Path conf = configure(dir, http);
        Process process = new ProcessBuilder(binary().toString(), "-p", dir + "/", "-c", conf.toString(),
                "-e", dir + "/error.log", "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        Nginx nginx = new Nginx(process, dir, port);
        try {
            await().atMost(Duration.ofSeconds(30)).until(nginx::accepting);
        } catch (RuntimeException e) {
            nginx.close();
            throw new IllegalStateException("nginx did not start: " + readIfExists(dir.resolve("nginx.out"))
                    + readIfExists(dir.resolve("error.log")), e);
        }
        return nginx;
    }

    /** Writes {@code dir/nginx.conf}: one worker, every path in {@code dir}, {@code http} in the http block. */
    private static Path configure(Path dir, String http) throws IOException {
        Files.createDirectories(dir);
        // as root, workers would run as nobody, who cannot read the test's files
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return Files.writeString(dir.resolve("nginx.conf"), user + """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events {
                    worker_connections 64;
                }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %2$s
                }
                """.formatted(dir, http.indent(4).stripTrailing()));
    }

    /** {@code MOORING_NGINX_BINARY}, else nginx on the PATH or in the usual sbin directories. */
    public static Path binary() {
        String configured = System.getenv("MOORING_NGINX_BINARY");
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                fail("MOORING_NGINX_BINARY=" + configured + " is not an executable nginx");
            }
            return Path.of(configured);
        }
        return SystemTools.find("nginx", "install the Debian package 'nginx' (apt-get install -y nginx) or set MOORING_NGINX_BINARY");
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return dir;
    }

    private boolean accepting() {
        if (!process.isAlive()) {
            throw new IllegalStateException("nginx exited with " + process.exitValue());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readIfExists(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }
}
