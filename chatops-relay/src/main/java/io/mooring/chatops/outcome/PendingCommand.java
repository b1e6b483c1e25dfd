package io.mooring.chatops.outcome;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A command sent from chat whose outcome goes back to where it was typed.
 *
 * @param chat        {@code slack} or {@code mattermost}: how the answer is written
 * @param summary     what was asked, e.g. {@code suspend account acme}
 * @param responseUrl where the chat takes answers to the command; its path is a secret
 */
public record PendingCommand(String commandId, URI responseUrl, String chat, String summary, Instant issuedAt) {

    public PendingCommand {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(responseUrl, "responseUrl");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /** The host (and port) of the response URL: what logs may show. */
    String host() {
        return responseUrl.getPort() < 0 ? responseUrl.getHost() : responseUrl.getHost() + ":" + responseUrl.getPort();
    }
}
