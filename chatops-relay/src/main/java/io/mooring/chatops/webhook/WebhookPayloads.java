package io.mooring.chatops.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.mooring.chatops.channel.ChatMessage;
import io.mooring.chatops.message.Notification;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The JSON body posted to a target of each kind. */
public final class WebhookPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Block Kit's limits: a header's text, a section's or context element's text. */
    private static final int HEADER_MAX = 150;
    private static final int TEXT_MAX = 3000;

    private WebhookPayloads() {
    }

    /**
     * The body for {@code target}; {@code threadRoot} is the opening message of the incident (Slack {@code ts}, Matrix
     * {@code event_id}) to reply under, null when there is none or the kind cannot thread.
     */
    public static byte[] body(WebhookTarget target, Notification notification, ChatMessage message,
                              @Nullable String threadRoot) {
        boolean inThread = threadRoot != null && target.kind().threads();
        String text = message.text(inThread);
        ObjectNode body = switch (target.kind()) {
            case SLACK -> slack(message, text);
            case SLACK_API -> slackApi(target.channel(), message, text, inThread ? threadRoot : null);
            case MATRIX -> matrix(message, text, inThread ? threadRoot : null);
            case MATRIX_HOOKSHOT -> JSON.createObjectNode().put("text", text).put("format", "plain");
            case GENERIC -> generic(notification, text);
        };
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a webhook payload", e);
        }
    }

    /** An incoming webhook's body: Block Kit, and the plain text that notifications and old clients show. */
    private static ObjectNode slack(ChatMessage message, String text) {
        ObjectNode body = JSON.createObjectNode().put("text", slackEscaped(text));
        body.set("blocks", blocks(message, text));
        return body;
    }

    /** {@code chat.postMessage}: the same, to a channel, in the incident's thread when there is one. */
    private static ObjectNode slackApi(String channel, ChatMessage message, String text, @Nullable String threadTs) {
        ObjectNode body = JSON.createObjectNode().put("channel", channel);
        body.setAll(slack(message, text));
        body.put("unfurl_links", false);
        if (threadTs != null) {
            body.put("thread_ts", threadTs);
            // the resolution also shows in the channel, an update or a reminder only in the thread
            body.put("reply_broadcast", message.incident() != null
                    && message.incident().stage() == ChatMessage.Stage.RESOLVED);
        }
        return body;
    }

    private static ArrayNode blocks(ChatMessage message, String text) {
        ArrayNode blocks = JSON.createArrayNode();
        blocks.addObject().put("type", "header").putObject("text")
                .put("type", "plain_text").put("text", cut(message.header(), HEADER_MAX)).put("emoji", true);
        blocks.addObject().put("type", "section").putObject("text")
                .put("type", "mrkdwn").put("text", cut(slackEscaped(text), TEXT_MAX));
        StringBuilder context = new StringBuilder(slackEscaped(message.context()));
        for (ChatMessage.Link link : message.links()) {
            context.append(" · <").append(slackUrl(link.url())).append('|').append(slackEscaped(link.label())).append('>');
        }
        blocks.addObject().put("type", "context").putArray("elements").addObject()
                .put("type", "mrkdwn").put("text", cut(context.toString(), TEXT_MAX));
        return blocks;
    }

    /** An {@code m.room.message}: plain {@code body} and HTML {@code formatted_body}, a thread reply when rooted. */
    private static ObjectNode matrix(ChatMessage message, String text, @Nullable String rootEventId) {
        StringBuilder html = new StringBuilder()
                .append("<p><strong>").append(html(message.header())).append("</strong></p>")
                .append("<p>").append(html(text)).append("</p>")
                .append("<p><sub>").append(html(message.context()));
        for (ChatMessage.Link link : message.links()) {
            html.append(" · <a href=\"").append(html(link.url())).append("\">").append(html(link.label())).append("</a>");
        }
        html.append("</sub></p>");
        ObjectNode body = JSON.createObjectNode()
                .put("msgtype", "m.text")
                .put("body", text)
                .put("format", "org.matrix.custom.html")
                .put("formatted_body", html.toString());
        if (rootEventId != null) {
            ObjectNode relation = body.putObject("m.relates_to")
                    .put("rel_type", "m.thread")
                    .put("event_id", rootEventId)
                    .put("is_falling_back", true);
            relation.putObject("m.in_reply_to").put("event_id", rootEventId);
        }
        return body;
    }

    private static ObjectNode generic(Notification notification, String text) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", notification.eventId().toString())
                .put("type", notification.type())
                .put("subject", notification.subject())
                .put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(notification.time().withOffsetSameInstant(ZoneOffset.UTC)))
                .put("message", text);
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

    /** A URL inside Slack's {@code <url|label>}: the characters that would end it are percent-encoded. */
    private static String slackUrl(String url) {
        return url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20");
    }

    /** Text and attribute values in Matrix HTML. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
