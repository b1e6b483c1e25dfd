package io.mooring.platform;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A tiny health endpoint of the demo, on loopback: {@code GET /health} answers 200
 * {@code {"status": "ok"}} while healthy and 503 {@code {"status": "down"}} while broken, so that
 * the demo's monitor can watch something go down and come back.
 */
final class DemoEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final AtomicBoolean healthy = new AtomicBoolean(true);

    private DemoEndpoint(HttpServer server) {
        this.server = server;
    }

    static DemoEndpoint start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        DemoEndpoint endpoint = new DemoEndpoint(server);
        server.createContext("/health", exchange -> {
            boolean up = endpoint.healthy.get();
            byte[] body = (up ? "{\"status\": \"ok\"}" : "{\"status\": \"down\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return endpoint;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    void setHealthy(boolean healthy) {
        this.healthy.set(healthy);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
