package io.mooring.chatops.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.chatops.message.Notification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ID = UUID.fromString("0193b2c4-7f00-7000-8000-000000000001");
    private final Notification notification = new Notification(ID, "mooring.provisioning.account.ready.v1", "a-1",
            OffsetDateTime.parse("2026-11-22T04:05:06.789+01:00"), "✅ Account acme is ready on host h-1 (plan small)",
            "{\"accountId\":\"a-1\",\"name\":\"acme\",\"plan\":\"small\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void postsOnlyTheTextToSlack() throws IOException {
        assertThat(body(TargetKind.SLACK, notification))
                .isEqualTo(JSON.readTree("{\"text\":\"✅ Account acme is ready on host h-1 (plan small)\"}"));
    }

    @Test
    void escapesWhatSlackWouldReadAsMarkup() throws IOException {
        Notification withMarkup = new Notification(ID, notification.type(), "a-1", notification.time(),
                "❌ Account a-1 failed: <!channel> R&D quota > limit", notification.data());
        assertThat(body(TargetKind.SLACK, withMarkup).get("text").asText())
                .isEqualTo("❌ Account a-1 failed: &lt;!channel&gt; R&amp;D quota &gt; limit");
    }

    @Test
    void postsPlainTextToMatrix() throws IOException {
        assertThat(body(TargetKind.MATRIX, notification)).isEqualTo(JSON.readTree(
                "{\"text\":\"✅ Account acme is ready on host h-1 (plan small)\",\"format\":\"plain\"}"));
    }

    @Test
    void postsTheWholeEventToGenericTargets() throws IOException {
        assertThat(body(TargetKind.GENERIC, notification)).isEqualTo(JSON.readTree("""
                {"id": "0193b2c4-7f00-7000-8000-000000000001",
                 "type": "mooring.provisioning.account.ready.v1",
                 "subject": "a-1",
                 "time": "2026-11-22T03:05:06.789Z",
                 "message": "✅ Account acme is ready on host h-1 (plan small)",
                 "data": {"accountId": "a-1", "name": "acme", "plan": "small"}}
                """));
    }

    private static JsonNode body(TargetKind kind, Notification notification) throws IOException {
        return JSON.readTree(WebhookPayloads.body(kind, notification));
    }
}
