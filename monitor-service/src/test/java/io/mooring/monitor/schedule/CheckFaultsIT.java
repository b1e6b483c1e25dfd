package io.mooring.monitor.schedule;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.monitor.TestServers;
import io.mooring.stack.Servers;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.MovableClock;
import io.mooring.testing.TcpRelay;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service's own Postgres going away behind a relay: the API answers 503, and checks go on once it is back. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckFaultsIT implements TestPropertyProvider {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final TcpRelay POSTGRES = new TcpRelay(new InetSocketAddress(Servers.postgres().host(), Servers.postgres().port()));

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;

    private ApiClient api;
    private HttpServer target;
    private final AtomicInteger hits = new AtomicInteger();

    @Override
    public Map<String, String> getProperties() {
        POSTGRES.start();
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("mooring.pg.host", "127.0.0.1");
        properties.put("mooring.pg.port", Integer.toString(POSTGRES.port()));
        properties.put("test.clock", "movable");
        properties.put("mooring.scheduler.tick", "50ms");
        return properties;
    }

    @BeforeAll
    void start() throws IOException {
        api = new ApiClient(HttpClient.create(server.getURL()), null);
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes());
            }
        });
        target.start();
    }

    @AfterAll
    void stop() {
        POSTGRES.start();
        target.stop(0);
    }

    @Test
    void checksGoOnOnceTheServicesPostgresIsBack() {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "web-%s", "kind": "http", "target": "http://127.0.0.1:%d/", "intervalSeconds": 10, "timeoutSeconds": 5}"""
                .formatted(UUID.randomUUID(), target.getAddress().getPort()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.tree().get("id").asText();
        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(hits.get()).isEqualTo(1));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + id).tree().get("state").asText()).isEqualTo("UP"));

        POSTGRES.stop();
        Reply away = api.as(READ_TOKEN).get("/v1/monitors/" + id);
        assertThat(away.status()).as(away.text()).isEqualTo(503);
        assertThat(away.contentType()).startsWith("application/problem+json");
        clock.advance(INTERVAL);
        clock.advance(INTERVAL);

        POSTGRES.start();
        // one check for the slots missed while the schedule was out of reach, not one per slot
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(hits.get()).isEqualTo(2));
        await().atMost(PATIENCE).untilAsserted(() -> {
            Reply shown = api.as(READ_TOKEN).get("/v1/monitors/" + id);
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.tree().at("/lastCheck/consecutiveSuccesses").asInt()).isEqualTo(2);
        });
        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(hits.get()).isEqualTo(3));
    }
}
