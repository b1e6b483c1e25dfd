package io.mooring.provisioner.desiredstate;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the real {@code nginx -t} on a site configuration, included in a minimal nginx.conf whose
 * every path (prefix, pid, logs, temp directories) lies in a fresh temporary directory, so it needs
 * no root-owned path. nginx binds the listen addresses during the test, so sites should listen on a
 * free port of 127.0.0.1 ({@link #freePort()}). Missing nginx fails the test: nothing is skipped.
 */
final class NginxCheck {
    private NginxCheck() {
    }

    /** What {@code nginx -t} said. */
    record Outcome(int exitCode, String output) {
        boolean accepted() {
            return exitCode == 0;
        }
    }

    static Outcome test(String siteConfiguration) throws IOException, InterruptedException {
        Path prefix = Files.createTempDirectory("mooring-nginx-");
        Path sites = Files.writeString(prefix.resolve("mooring-sites.conf"), siteConfiguration);
        Path conf = Files.writeString(prefix.resolve("nginx.conf"), """
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
                    include %2$s;
                }
                """.formatted(prefix, sites));
        Process process = new ProcessBuilder(binary().toString(), "-t", "-e", "stderr",
                "-p", prefix + "/", "-c", conf.toString())
                .redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("nginx -t did not finish within 60 s");
        }
        return new Outcome(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** A port of 127.0.0.1 nobody listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** {@code MOORING_NGINX_BINARY}, else nginx on the PATH or in the usual sbin directories. */
    static Path binary() {
        String configured = System.getenv("MOORING_NGINX_BINARY");
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                fail("MOORING_NGINX_BINARY=" + configured + " is not an executable nginx");
            }
            return Path.of(configured);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin", "/usr/local/sbin", "/sbin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "nginx"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseGet(() -> fail("nginx is not installed, so the generated site configuration cannot be checked: "
                        + "install the Debian package 'nginx' (apt-get install -y nginx) or set MOORING_NGINX_BINARY"));
    }

    static List<String> problems(Outcome outcome) {
        return outcome.output().lines().filter(line -> line.contains("[emerg]") || line.contains("[warn]")
                || line.contains("[alert]") || line.contains("[crit]")).toList();
    }
}
