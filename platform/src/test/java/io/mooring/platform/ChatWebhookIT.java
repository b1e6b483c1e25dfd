package io.mooring.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./mooring up --demo --chat-webhook URL --chat-kind generic} as an operator runs it: the
 * demo's events arrive at a real HTTP receiver as generic JSON posts. (Which kind a URL gets is
 * {@link ChatWebhookTest}'s; the body of each kind is the relay's {@code WebhookPayloadsTest}'s.)
 */
class ChatWebhookIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> posts = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private LauncherRun run;

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void theDemosEventsReachAGenericWebhookAsJsonPosts() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                if ("POST".equals(exchange.getRequestMethod())) {
                    posts.add(JSON.readTree(body.readAllBytes()));
                }
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        run = new LauncherRun("chat-webhook");
        run.launch(1, "--demo", "--chat-webhook", hook, "--chat-kind", "generic");

        assertThat(Files.readString(run.log(1))).contains("chat messages go to a generic webhook at 127.0.0.1",
                "demo  | every service has reacted to the new account").doesNotContain(hook);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(posts).extracting(post -> post.path("type").asText())
                .contains("mooring.provisioning.host.registered.v1", "mooring.provisioning.account.ready.v1",
                        "mooring.provisioning.resource.ready.v1", "mooring.backups.policy.created.v1",
                        "mooring.monitoring.monitor.created.v1"));
        assertThat(posts).allSatisfy(post -> {
            assertThat(post.fieldNames()).toIterable().containsExactly("id", "type", "subject", "time", "message", "data");
            assertThat(post.path("message").asText()).isNotBlank();
            assertThat(post.path("time").asText()).endsWith("Z");
        });
        JsonNode ready = posts.stream().filter(post -> post.path("type").asText().equals("mooring.provisioning.account.ready.v1"))
                .findFirst().orElseThrow();
        assertThat(ready.path("data").path("name").asText()).isEqualTo(Demo.ACCOUNT);
        assertThat(ready.path("message").asText()).contains(Demo.ACCOUNT);
    }
}
