package io.mooring.chatops.outcome;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.chatops.webhook.PostResult;
import io.mooring.chatops.webhook.WebhookPayloads;
import io.mooring.chatops.webhook.WebhookPoster;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Posts a message to a command's {@code response_url}, as Slack and Mattermost take it:
 * {@code {"response_type": "in_channel", "replace_original": false, "text": …}}, a new message in the channel
 * where the command was typed (Slack's text escaped as Slack requires).
 */
@Singleton
class CommandReplies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WebhookPoster poster;

    CommandReplies(WebhookPoster poster) {
        this.poster = poster;
    }

    PostResult post(PendingCommand command, String text) {
        return poster.respond(command.responseUrl(), body(command.chat(), text));
    }

    static byte[] body(String chat, String text) {
        try {
            return JSON.writeValueAsBytes(JSON.createObjectNode()
                    .put("response_type", "in_channel")
                    .put("replace_original", false)
                    .put("text", "slack".equals(chat) ? WebhookPayloads.slackEscaped(text) : text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
