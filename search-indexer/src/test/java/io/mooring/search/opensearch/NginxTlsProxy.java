package io.mooring.search.opensearch;

import io.mooring.stack.DevCertificates;
import io.mooring.stack.Ports;
import io.mooring.testing.Nginx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A real nginx ({@link Nginx}) in front of OpenSearch that asks for TLS (certificate from the stack's
 * dev CA) and HTTP basic credentials, as a managed OpenSearch does. Missing nginx fails the test.
 */
final class NginxTlsProxy implements AutoCloseable {
    private final Nginx nginx;

    private NginxTlsProxy(Nginx nginx) {
        this.nginx = nginx;
    }

    static NginxTlsProxy start(Path dir, String upstream, String user, String password) throws IOException {
        Files.createDirectories(dir);
        DevCertificates.ensure(dir.resolve("tls"));
        Files.writeString(dir.resolve("htpasswd"), user + ":{SHA}" + sha1Base64(password) + "\n");
        int port = Ports.free();
        return new NginxTlsProxy(Nginx.start(dir, """
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
                """.formatted(dir, port, upstream), port));
    }

    /** {@code https://localhost:PORT}: the dev certificate names localhost and 127.0.0.1. */
    String url() {
        return "https://localhost:" + nginx.port();
    }

    Path caCertificate() {
        return nginx.directory().resolve("tls").resolve(DevCertificates.CA_CERT);
    }

    @Override
    public void close() {
        nginx.close();
    }

    private static String sha1Base64(String password) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
