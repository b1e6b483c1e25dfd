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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./mooring up --demo --chat-webhook URL --chat-kind generic} as an operator runs it: the
 * demo's events arrive at a real HTTP receiver as generic JSON posts, and a signed Slack command goes through the
 * relay, Kafka and the provisioner, whose answer comes back to the command's {@code response_url}. (Which kind a URL gets is
 * {@link ChatWebhookTest}'s; the body of each kind is the relay's {@code WebhookPayloadsTest}'s.)
 */
class ChatWebhookIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SIGNING_SECRET = "chat-webhook-it-signing-secret";
    private final List<JsonNode> posts = new CopyOnWriteArrayList<>();
    private final List<JsonNode> answers = new CopyOnWriteArrayList<>();
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
        receiver.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                if ("POST".equals(exchange.getRequestMethod())) {
                    JsonNode post = JSON.readTree(body.readAllBytes());
                    (exchange.getRequestURI().getPath().equals("/answers") ? answers : posts).add(post);
                }
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        run = new LauncherRun("chat-webhook");
        run.launch(1, Map.of("MOORING_CHATOPS_COMMANDS_SLACK_SIGNING_SECRET", SIGNING_SECRET,
                "MOORING_CHATOPS_COMMANDS_ALLOWED_USERS", "U-OPS",
                "MOORING_CHATOPS_COMMANDS_RESPONSE_HOSTS", "127.0.0.1"), "--demo", "--chat-webhook", hook, "--chat-kind", "generic");

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

        // a slash command: relay → mooring.chatops.commands → provisioner → mooring.provisioning → relay → response_url
        String answersUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/answers";
        String form = "team_id=T1&team_domain=demo&channel_id=C-OPS&channel_name=ops&user_id=U-OPS&user_name=ops"
                + "&command=%2Fmooring&text=" + URLEncoder.encode("account suspend " + Demo.ACCOUNT + " unpaid", StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode(answersUrl, StandardCharsets.UTF_8) + "&trigger_id=t-1";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + form).getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> asked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(run.services().get("URL_CHATOPS_RELAY") + "/webhooks/slack/commands"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        assertThat(JSON.readTree(asked.body()).path("response_type").asText()).as(asked.body()).isEqualTo("in_channel");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(answers).extracting(a -> a.path("text").asText())
                .anySatisfy(text -> assertThat(text).contains("Account " + Demo.ACCOUNT + " suspended: unpaid",
                        "slack:ops asked to suspend account " + Demo.ACCOUNT)));
    }
}
