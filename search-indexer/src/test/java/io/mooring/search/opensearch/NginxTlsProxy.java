package io.mooring.search.opensearch;

import io.mooring.stack.DevCertificates;
import io.mooring.stack.Ports;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real nginx in front of OpenSearch that asks for TLS (certificate from the stack's dev CA) and
 * HTTP basic credentials, as a managed OpenSearch does. It runs in the foreground as a child
 * process with every path (conf, pid, logs, temp) in {@code dir}. Missing nginx fails the test.
 */
final class NginxTlsProxy implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private NginxTlsProxy(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static NginxTlsProxy start(Path dir, String upstream, String user, String password) throws IOException {
        Files.createDirectories(dir);
        DevCertificates.ensure(dir.resolve("tls"));
        Files.writeString(dir.resolve("htpasswd"), user + ":{SHA}" + sha1Base64(password) + "\n");
        int port = Ports.free();
        Path conf = Files.writeString(dir.resolve("nginx.conf"), """
                %4$s
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
                    server {
                        listen 127.0.0.1:%2$d ssl;
                        ssl_certificate %1$s/tls/server.crt;
                        ssl_certificate_key %1$s/tls/server.key;
                        auth_basic "opensearch";
                        auth_basic_user_file %1$s/htpasswd;
                        client_max_body_size 50m;
                        location / {
                            proxy_pass %3$s;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Authorization "";
                        }
                    }
                }
                """.formatted(dir, port, upstream, "root".equals(System.getProperty("user.name")) ? "user root;" : ""));
        Process process = new ProcessBuilder(binary(), "-p", dir + "/", "-c", conf.toString(), "-e", dir + "/error.log",
                "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        NginxTlsProxy proxy = new NginxTlsProxy(process, dir, port);
        try {
            await().atMost(Duration.ofSeconds(30)).until(proxy::accepting);
        } catch (RuntimeException e) {
            proxy.close();
            throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
                    + readIfExists(dir.resolve("error.log")), e);
        }
        return proxy;
    }

    /** {@code https://localhost:PORT}: the dev certificate names localhost and 127.0.0.1. */
    String url() {
        return "https://localhost:" + port;
    }

    Path caCertificate() {
        return dir.resolve("tls").resolve(DevCertificates.CA_CERT);
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

    private static String binary() {
        String configured = System.getenv("MOORING_NGINX_BINARY");
        return configured != null && !configured.isBlank() ? configured : "/usr/sbin/nginx";
    }

    private static String sha1Base64(String password) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
