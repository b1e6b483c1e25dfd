package io.mooring.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mooring.stack.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Prometheus {@code ./mooring up} starts (Debian's, a test prerequisite): its generated configuration is valid
 * with the project's rules, it scrapes each service's {@code /prometheus} under a job named after the service (a
 * stand-in HTTP server here; {@code WalkingSkeletonIT} scrapes the real services) and stops when closed.
 */
class LocalPrometheusIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void scrapesEveryServiceAndLoadsTheAlertRules(@TempDir Path data) throws Exception {
        Path root = Path.of(System.getProperty("mooring.root", "..")).toAbsolutePath().normalize();
        Path binary = LocalPrometheus.binary().orElseThrow(() -> new AssertionError("prometheus is not installed"));
        HttpServer metrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metrics.createContext("/prometheus", exchange -> {
            byte[] body = "# TYPE mooring_outbox_pending gauge\nmooring_outbox_pending 3\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        metrics.start();
        Map<Service, List<String>> urls = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            urls.put(service, List.of("http://127.0.0.1:" + metrics.getAddress().getPort()));
        }
        try (LocalPrometheus prometheus = LocalPrometheus.start(binary, root, data, urls, Ports.free(), Duration.ofSeconds(60))) {
            Process check = new ProcessBuilder("promtool", "check", "config", data.resolve("prometheus.yml").toString())
                    .redirectErrorStream(true).start();
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.exitValue()).as(checked).isZero();
            assertThat(checked).contains("SUCCESS: 8 rules found");

            assertThat(api(prometheus, "/api/v1/rules").path("data").path("groups").findValues("name"))
                    .extracting(JsonNode::asText).contains("MooringServiceDown", "MooringBackupOverdue");
            await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(
                    api(prometheus, "/api/v1/query?query=mooring_outbox_pending").path("data").path("result")
                            .findValues("job")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("provisioner", "backup-service", "monitor-service", "search-indexer", "chatops-relay"));
            assertThat(Files.readString(prometheus.log())).contains("Server is ready to receive web requests");
        } finally {
            metrics.stop(0);
        }
        assertThat(data.resolve("prometheus")).isDirectory();
    }

    private static JsonNode api(LocalPrometheus prometheus, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
