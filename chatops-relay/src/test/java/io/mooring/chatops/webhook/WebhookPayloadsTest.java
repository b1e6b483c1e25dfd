package io.mooring.chatops.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.chatops.channel.ChannelSettings;
import io.mooring.chatops.channel.ChatMessages;
import io.mooring.chatops.message.Notification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ID = UUID.fromString("0193b2c4-7f00-7000-8000-000000000001");
    private static final String TEXT = "✅ Account acme is ready on host h-1 (plan small)";
    private final Notification notification = new Notification(ID, "mooring.provisioning.account.ready.v1", "a-1",
            OffsetDateTime.parse("2026-11-22T04:05:06.789+01:00"), TEXT,
            "{\"accountId\":\"a-1\",\"name\":\"acme\",\"plan\":\"small\"}".getBytes(StandardCharsets.UTF_8));
    private final Notification resolved = new Notification(ID, "mooring.monitoring.incident.resolved.v1", "m-1",
            OffsetDateTime.parse("2026-11-22T10:30:00Z"), "✅ Incident i-1 on monitor site www resolved after 30 min",
            "{\"monitorId\":\"m-1\",\"incidentId\":\"i-1\",\"durationSeconds\":1800}".getBytes(StandardCharsets.UTF_8));
    private final Notification updated = new Notification(ID, "mooring.monitoring.incident.updated.v1", "m-1",
            OffsetDateTime.parse("2026-11-22T10:30:00Z"), "📝 Incident i-1 on monitor site www (www is down): also down: shop",
            """
            {"monitorId": "m-1", "incidentId": "i-1", "title": "www is down", "kind": "also-down",
             "message": "also down: shop", "at": "2026-11-22T10:20:00Z", "openSeconds": 600}
            """.getBytes(StandardCharsets.UTF_8));

    private final ChatMessages plain = new ChatMessages(new ChannelSettings());
    private final ChatMessages linked = new ChatMessages(linkSettings());

    @Test
    void postsBlockKitWithAPlainTextFallbackToSlack() throws IOException {
        JsonNode body = body(target("slack", null, null, null), notification, plain, null);

        assertThat(body.get("text").asText()).isEqualTo(TEXT);
        assertThat(body.get("blocks")).isEqualTo(JSON.readTree("""
                [{"type": "header", "text": {"type": "plain_text", "text": "✅ Account ready", "emoji": true}},
                 {"type": "section", "text": {"type": "mrkdwn", "text": "✅ Account acme is ready on host h-1 (plan small)"}},
                 {"type": "context", "elements": [{"type": "mrkdwn",
                   "text": "2026-11-22 03:05 UTC · mooring.provisioning.account.ready.v1"}]}]
                """));
    }

    @Test
    void linksTheApiResourceAndTheStatusPageWhenTheirUrlsAreSet() throws IOException {
        JsonNode account = body(target("slack", null, null, null), notification, linked, null);
        assertThat(account.at("/blocks/2/elements/0/text").asText())
                .endsWith(" · <https://api.example.org/v1/accounts/a-1|API>");

        JsonNode incident = body(target("matrix", "!room:example.org", "t0ken", null), resolved, linked, null);
        assertThat(incident.get("formatted_body").asText()).contains(
                "<a href=\"https://status.example.org\">Status page</a> · "
                        + "<a href=\"https://api.example.org/v1/incidents/i-1\">API</a>");
    }

    @Test
    void escapesWhatSlackWouldReadAsMarkup() throws IOException {
        Notification withMarkup = new Notification(ID, notification.type(), "a-1", notification.time(),
                "❌ Account a-1 failed: <!channel> R&D quota > limit", notification.data());
        JsonNode body = body(target("slack", null, null, null), withMarkup, plain, null);
        assertThat(body.get("text").asText()).isEqualTo("❌ Account a-1 failed: &lt;!channel&gt; R&amp;D quota &gt; limit");
        assertThat(body.at("/blocks/1/text/text").asText()).isEqualTo(body.get("text").asText());
    }

    @Test
    void postsToASlackChannelInTheIncidentsThreadWhenItIsKnown() throws IOException {
        WebhookTarget slackApi = target("slack-api", "C0123", "xoxb-1", null);

        JsonNode threaded = body(slackApi, resolved, plain, "1700000000.000100");
        assertThat(threaded.get("channel").asText()).isEqualTo("C0123");
        assertThat(threaded.get("thread_ts").asText()).isEqualTo("1700000000.000100");
        assertThat(threaded.get("reply_broadcast").asBoolean()).isTrue();
        assertThat(threaded.get("text").asText()).isEqualTo(resolved.message());

        JsonNode unthreaded = body(slackApi, resolved, plain, null);
        assertThat(unthreaded.has("thread_ts")).isFalse();
        assertThat(unthreaded.get("text").asText()).isEqualTo(resolved.message() + " (opened 2026-11-22 10:00 UTC)");
    }

    @Test
    void postsAnIncidentsUpdateInItsThreadOnly() throws IOException {
        WebhookTarget slackApi = target("slack-api", "C0123", "xoxb-1", null);

        JsonNode threaded = body(slackApi, updated, plain, "1700000000.000100");
        assertThat(threaded.get("thread_ts").asText()).isEqualTo("1700000000.000100");
        assertThat(threaded.get("reply_broadcast").asBoolean()).isFalse();
        assertThat(threaded.at("/blocks/0/text/text").asText()).isEqualTo("📝 Incident updated");
        assertThat(threaded.get("text").asText()).isEqualTo(updated.message());

        // opened its openSeconds before the update happened (its at), not before the event was sent
        assertThat(body(slackApi, updated, plain, null).get("text").asText())
                .isEqualTo(updated.message() + " (opened 2026-11-22 10:10 UTC)");
        JsonNode matrix = body(target("matrix", "!room:example.org", "t0ken", null), updated, plain, "$opening");
        assertThat(matrix.at("/m.relates_to/event_id").asText()).isEqualTo("$opening");
    }

    @Test
    void referencesTheOpeningMessageWhereTheChannelCannotThread() throws IOException {
        String referenced = resolved.message() + " (opened 2026-11-22 10:00 UTC)";
        assertThat(body(target("slack", null, null, null), resolved, plain, "ignored").get("text").asText())
                .isEqualTo(referenced);
        assertThat(body(target("generic", null, null, null), resolved, plain, null).get("message").asText())
                .isEqualTo(referenced);
        assertThat(body(target("matrix-hookshot", null, null, null), resolved, plain, null).get("text").asText())
                .isEqualTo(referenced);
    }

    @Test
    void postsAMatrixMessageWithEscapedHtmlAndAThreadRelation() throws IOException {
        Notification withMarkup = new Notification(ID, "mooring.monitoring.incident.resolved.v1", "m-1", resolved.time(),
                "✅ Incident <b>i-1</b> on \"site\" & 'www' resolved", resolved.data());
        JsonNode body = body(target("matrix", "!room:example.org", "t0ken", null), withMarkup, plain, "$opening");

        assertThat(body.get("msgtype").asText()).isEqualTo("m.text");
        assertThat(body.get("body").asText()).isEqualTo(withMarkup.message());
        assertThat(body.get("format").asText()).isEqualTo("org.matrix.custom.html");
        assertThat(body.get("formatted_body").asText()).isEqualTo("<p><strong>✅ Incident resolved</strong></p>"
                + "<p>✅ Incident &lt;b&gt;i-1&lt;/b&gt; on &quot;site&quot; &amp; &#39;www&#39; resolved</p>"
                + "<p><sub>2026-11-22 10:30 UTC · mooring.monitoring.incident.resolved.v1</sub></p>");
        assertThat(body.get("m.relates_to")).isEqualTo(JSON.readTree("""
                {"rel_type": "m.thread", "event_id": "$opening", "is_falling_back": true,
                 "m.in_reply_to": {"event_id": "$opening"}}
                """));
    }

    @Test
    void postsPlainTextToHookshot() throws IOException {
        assertThat(body(target("matrix-hookshot", null, null, null), notification, plain, null))
                .isEqualTo(JSON.readTree("{\"text\":\"" + TEXT + "\",\"format\":\"plain\"}"));
    }

    @Test
    void postsTheWholeEventToGenericTargets() throws IOException {
        assertThat(body(target("generic", null, null, null), notification, plain, null)).isEqualTo(JSON.readTree("""
                {"id": "0193b2c4-7f00-7000-8000-000000000001",
                 "type": "mooring.provisioning.account.ready.v1",
                 "subject": "a-1",
                 "time": "2026-11-22T03:05:06.789Z",
                 "message": "✅ Account acme is ready on host h-1 (plan small)",
                 "data": {"accountId": "a-1", "name": "acme", "plan": "small"}}
                """));
    }

    private static WebhookTarget target(String kind, String channel, String token, String secret) {
        return WebhookTarget.parse("t", "https://chat.example.org/x", kind, List.of(), token, channel, secret);
    }

    private static JsonNode body(WebhookTarget target, Notification notification, ChatMessages messages, String root)
            throws IOException {
        return JSON.readTree(WebhookPayloads.body(target, notification, messages.of(notification), root));
    }

    private static ChannelSettings linkSettings() {
        ChannelSettings settings = new ChannelSettings();
        settings.setStatusPageUrl("https://status.example.org");
        settings.setApiBaseUrl("https://api.example.org/");
        return settings;
    }
}
