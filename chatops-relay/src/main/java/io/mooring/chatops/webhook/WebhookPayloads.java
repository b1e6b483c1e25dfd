package io.mooring.chatops.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.chatops.message.Notification;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The JSON body posted to a target of each kind. */
public final class WebhookPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayloads() {
    }

    public static byte[] body(TargetKind kind, Notification notification) {
        ObjectNode body = switch (kind) {
            case SLACK -> JSON.createObjectNode().put("text", slackEscaped(notification.message()));
            case MATRIX -> JSON.createObjectNode().put("text", notification.message()).put("format", "plain");
            case GENERIC -> generic(notification);
        };
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a webhook payload", e);
        }
    }

    private static ObjectNode generic(Notification notification) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", notification.eventId().toString())
                .put("type", notification.type())
                .put("subject", notification.subject())
                .put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(notification.time().withOffsetSameInstant(ZoneOffset.UTC)))
                .put("message", notification.message());
        body.set("data", data(notification.data()));
        return body;
    }

    private static JsonNode data(byte[] raw) {
        if (raw.length == 0) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            // known events were decoded from this very JSON; this cannot happen for them
            throw new IllegalArgumentException("event data is not JSON", e);
        }
    }

    /** Slack reads {@code <...>} as links and mentions and {@code &} as an entity: text must escape them. */
    public static String slackEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
