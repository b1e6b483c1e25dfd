package io.mooring.chatops.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.chatops.RelayIT;
import io.mooring.chatops.WebhookReceiver;
import io.mooring.chatops.delivery.Delivery;
import io.mooring.chatops.delivery.DeliveryLedger;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.monitoring.IncidentOpened;
import io.mooring.events.monitoring.IncidentResolved;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountSuspended;
import io.mooring.testing.EventTopics;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat channels against real HTTP servers standing in for Slack's Web API, a Matrix homeserver and a webhook
 * receiver, with the real Kafka and TLS Redis: Block Kit to a Slack channel, the incident's resolution in the thread
 * of its opening (Slack {@code thread_ts}, Matrix {@code m.thread}), Slack's {@code ok: false} answers (retried or
 * failed for good), Matrix retries with one transaction id and {@code retry_after_ms}, and generic posts a receiver
 * verifies by their signature. Tokens and secrets appear in no API answer and no delivery log entry.
 */
@MicronautTest
class ChannelsIT extends RelayIT {
    private static final String SLACK_TOKEN = "xoxb-it-slack-bot-token";
    private static final String MATRIX_TOKEN = "syt_it_matrix_access_token";
    private static final String SECRET = "whsec-it-0123456789abcdef";
    private static final String ROOM = "!room:it.example";
    private static final String SLACK_POST = "/slack/api/chat.postMessage";
    private static final String MATRIX_SEND = "/matrix/_matrix/client/v3/rooms/" + ROOM + "/send/m.room.message/";

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger answered = new AtomicInteger();

    @Inject
    DeliveryLedger ledger;

    ChannelsIT() {
        super("channels", Topics.MONITORING, Topics.PROVISIONING);
    }

    @Override
    protected void settings(Map<String, String> properties) {
        properties.put("mooring.chatops.delivery.backoff-initial", "200ms");
        properties.put("mooring.chatops.delivery.backoff-max", "4s");
        properties.put("mooring.chatops.delivery.rate-per-second", "1000");
        properties.put("mooring.chatops.delivery.group-wait", "0s");
        // the machine running the tests may be loaded: a slow answer is not what these tests are about
        properties.put("mooring.chatops.read-timeout", "15s");
        properties.put("micronaut.http.client.read-timeout", "30s");
        properties.put("mooring.chatops.channels.api-base-url", "https://api.it.example");
        properties.put("mooring.chatops.channels.status-page-url", "https://status.it.example");
        target(properties, 0, "slack-bot", "slack-api", receiver.url("/slack/api"), "mooring.monitoring.");
        properties.put("mooring.chatops.webhooks[0].token", SLACK_TOKEN);
        properties.put("mooring.chatops.webhooks[0].channel", "C0IT");
        target(properties, 1, "matrix-room", "matrix", receiver.url("/matrix"), "mooring.monitoring.");
        properties.put("mooring.chatops.webhooks[1].token", MATRIX_TOKEN);
        properties.put("mooring.chatops.webhooks[1].channel", ROOM);
        target(properties, 2, "signed", "generic", receiver.url("/signed"), "mooring.monitoring.");
        properties.put("mooring.chatops.webhooks[2].secret", SECRET);
        target(properties, 3, "slack-gone", "slack-api", receiver.url("/gone/api"), "mooring.provisioning.account.ready");
        properties.put("mooring.chatops.webhooks[3].token", SLACK_TOKEN);
        properties.put("mooring.chatops.webhooks[3].channel", "C0GONE");
        target(properties, 4, "slack-busy", "slack-api", receiver.url("/busy/api"), "mooring.provisioning.account.suspended");
        properties.put("mooring.chatops.webhooks[4].token", SLACK_TOKEN);
        properties.put("mooring.chatops.webhooks[4].channel", "C0BUSY");
    }

    @BeforeAll
    void setUp() {
        receiver.respondWith("/busy/", r -> "{\"ok\":true,\"ts\":\"1700000001.000001\"}");
        receiver.respondWith("/slack/", r -> "{\"ok\":true,\"channel\":\"C0IT\",\"ts\":\"1700000000."
                + String.format("%06d", answered.incrementAndGet()) + "\"}");
        receiver.respondWith("/gone/", r -> "{\"ok\":false,\"error\":\"channel_not_found\"}");
        receiver.respondWith("/matrix/", r -> "{\"event_id\":\"$ev" + answered.incrementAndGet() + ":it.example\"}");
    }

    @Test
    void anIncidentsResolutionRepliesInTheThreadOfItsOpeningInSlackAndMatrix() throws Exception {
        String incident = UUID.randomUUID().toString();
        EventEnvelope opened = send(new IncidentOpened("m-" + incident, incident, "HTTP 503 from <site>", "critical"));
        WebhookReceiver.Received slackOpening = one(SLACK_POST, opened);
        WebhookReceiver.Received matrixOpening = oneUnder(MATRIX_SEND, opened);

        assertThat(slackOpening.header("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN);
        assertThat(slackOpening.contentType()).isEqualToIgnoringCase("application/json; charset=utf-8");
        JsonNode slack = json.readTree(slackOpening.body());
        assertThat(slack.get("channel").asText()).isEqualTo("C0IT");
        assertThat(slack.get("text").asText()).startsWith("🚨 Critical incident " + incident).endsWith("&lt;site&gt;");
        assertThat(slack.at("/blocks/0/text/text").asText()).isEqualTo("🚨 Incident opened");
        assertThat(slack.at("/blocks/2/elements/0/text").asText()).contains("<https://status.it.example|Status page>")
                .contains("<https://api.it.example/v1/incidents/" + incident + "|API>");
        assertThat(slack.has("thread_ts")).isFalse();

        assertThat(matrixOpening.method()).isEqualTo("PUT");
        assertThat(matrixOpening.header("Authorization")).isEqualTo("Bearer " + MATRIX_TOKEN);
        JsonNode matrix = json.readTree(matrixOpening.body());
        assertThat(matrix.get("msgtype").asText()).isEqualTo("m.text");
        assertThat(matrix.get("formatted_body").asText()).contains("HTTP 503 from &lt;site&gt;");

        EventEnvelope resolved = send(new IncidentResolved("m-" + incident, incident, 90));
        JsonNode slackReply = json.readTree(one(SLACK_POST, resolved).body());
        JsonNode matrixReply = json.readTree(oneUnder(MATRIX_SEND, resolved).body());

        String openingTs = answerOf(slackOpening, "ts");
        assertThat(slackReply.get("thread_ts").asText()).isEqualTo(openingTs);
        assertThat(slackReply.get("reply_broadcast").asBoolean()).isTrue();
        assertThat(slackReply.get("text").asText()).doesNotContain("(opened");
        String openingEvent = answerOf(matrixOpening, "event_id");
        assertThat(matrixReply.at("/m.relates_to/rel_type").asText()).isEqualTo("m.thread");
        assertThat(matrixReply.at("/m.relates_to/event_id").asText()).isEqualTo(openingEvent);

        // the generic target cannot thread: its message names when the incident opened
        JsonNode generic = json.readTree(one("/signed", resolved).body());
        assertThat(generic.get("message").asText()).matches(".*resolved after 1m 30s \\(opened \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)");
    }

    @Test
    void slackRateLimitedIsRetriedNoSoonerThanItsRetryAfter() {
        String busy = "/busy/api/chat.postMessage";
        receiver.answerJson(busy, 200, "1", "{\"ok\":false,\"error\":\"ratelimited\"}");
        EventEnvelope opened = send(new AccountSuspended(UUID.randomUUID().toString(), "unpaid"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received(busy, opened.id())).hasSize(2));
        List<WebhookReceiver.Received> posts = receiver.received(busy, opened.id());
        assertThat(Duration.between(posts.get(0).at(), posts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ledger.recent(20, opened.id()))
                .extracting(Delivery::status, Delivery::error, Delivery::retrying)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Delivery.DELIVERED, null, false),
                        org.assertj.core.groups.Tuple.tuple(Delivery.FAILED, "Slack ratelimited (Retry-After 1 s)", true)));
    }

    @Test
    void slackRefusalsAreFailedForGoodAndNoSecretShows() throws Exception {
        EventEnvelope ready = send(new AccountReady(UUID.randomUUID().toString(), "acme", "h-1", "small", "ops@acme.example"));

        // newest first: the refusal is the last attempt (an earlier one may have timed out on a loaded machine)
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ledger.recent(10, ready.id()))
                .extracting(Delivery::target, Delivery::status, Delivery::httpStatus, Delivery::error, Delivery::retrying)
                .first().isEqualTo(org.assertj.core.groups.Tuple.tuple("slack-gone", Delivery.FAILED, 200,
                        "Slack channel_not_found", false)));
        int posts = receiver.received("/gone/api/chat.postMessage", ready.id()).size();
        EventEnvelope later = send(new AccountReady(UUID.randomUUID().toString(), "later", "h-1", "small", "ops@acme.example"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ledger.recent(10, later.id())).isNotEmpty());
        assertThat(receiver.received("/gone/api/chat.postMessage", ready.id())).hasSize(posts);
        assertThat(ledger.recent(10, ready.id())).filteredOn(d -> !d.retrying()).hasSize(1);

        String deliveries = http.toBlocking().retrieve(HttpRequest.GET("/v1/deliveries?limit=100").bearerAuth(OPERATOR));
        String targets = http.toBlocking().retrieve(HttpRequest.GET("/v1/targets").bearerAuth(OPERATOR));
        for (String secret : List.of(SLACK_TOKEN, MATRIX_TOKEN, SECRET)) {
            assertThat(deliveries).doesNotContain(secret);
            assertThat(targets).doesNotContain(secret);
        }
        assertThat(targets).contains("\"slack-api\"", "\"matrix\"");
    }

    @Test
    void matrixRetriesWithTheSameTransactionIdAndHonoursRetryAfterMs() {
        EventEnvelope opened = EventTopics.envelope("it", new IncidentOpened("m-2", UUID.randomUUID().toString(), "down", "major"));
        String path = MATRIX_SEND + "mooring.matrix-room." + opened.id() + ".0";
        receiver.answerJson(path, 429, null,
                "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"error\":\"Too many requests\",\"retry_after_ms\":1500}");
        receiver.answer(path, 500);
        events.send(opened);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.receivedUnder(MATRIX_SEND))
                .filteredOn(r -> opened.id().toString().equals(r.eventId())).hasSize(3));
        List<WebhookReceiver.Received> puts = receiver.receivedUnder(MATRIX_SEND).stream()
                .filter(r -> opened.id().toString().equals(r.eventId())).toList();
        assertThat(puts).extracting(WebhookReceiver.Received::answeredWith).containsExactly(429, 500, 200);
        assertThat(puts).extracting(WebhookReceiver.Received::path).containsOnly(path);
        assertThat(Duration.between(puts.get(0).at(), puts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ledger.recent(20, opened.id()))
                .filteredOn(d -> d.target().equals("matrix-room")).extracting(Delivery::error)
                .containsExactly(null, "HTTP 500", "HTTP 429 M_LIMIT_EXCEEDED (retry after 1500 ms)"));
    }

    @Test
    void aReceiverVerifiesTheSignatureOfAGenericPostAndATamperedBodyFails() throws Exception {
        EventEnvelope opened = send(new IncidentOpened("m-3", UUID.randomUUID().toString(), "down", "minor"));
        WebhookReceiver.Received post = one("/signed", opened);

        assertThat(post.header("Mooring-Event-Id")).isEqualTo(opened.id().toString());
        String signature = post.header("Mooring-Signature");
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(300);
        assertThat(receiverAccepts(signature, post.body())).isTrue();
        assertThat(receiverAccepts(signature, post.body().replace("\"minor\"", "\"critical\""))).isFalse();
        assertThat(receiverAccepts(signature.replace("t=" + t, "t=" + (t + 1)), post.body())).isFalse();
    }

    /** What the README tells a receiver to do: HMAC-SHA256 of "<t>.<raw body>" with the secret, compared in constant time. */
    private static boolean receiverAccepts(String header, String body) throws Exception {
        Map<String, String> parts = new HashMap<>();
        for (String part : header.split(",")) {
            String[] pair = part.split("=", 2);
            parts.put(pair[0], pair[1]);
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((parts.get("t") + "." + body).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.get("v1")));
    }

    private EventEnvelope send(io.mooring.events.MooringEvent event) {
        EventEnvelope envelope = EventTopics.envelope("it", event);
        events.send(envelope);
        return envelope;
    }

    private WebhookReceiver.Received one(String path, EventEnvelope event) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received(path, event.id())).hasSize(1));
        return receiver.received(path, event.id()).getFirst();
    }

    private WebhookReceiver.Received oneUnder(String prefix, EventEnvelope event) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.receivedUnder(prefix))
                .filteredOn(r -> event.id().toString().equals(r.eventId())).hasSize(1));
        return receiver.receivedUnder(prefix).stream().filter(r -> event.id().toString().equals(r.eventId())).findFirst()
                .orElseThrow();
    }

    /** A field of what the stand-in answered to {@code request}. */
    private String answerOf(WebhookReceiver.Received request, String field) throws Exception {
        return json.readTree(request.answer()).get(field).asText();
    }
}
