package io.mooring.chatops.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.mooring.runtime.http.ProblemException;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

/**
 * Slash commands ({@code /mooring …}) from Slack, checked by its request signature, and from Mattermost, checked by
 * the command's token; public (no bearer token): the signature or token is the authentication. A bad one is a 401
 * problem and nothing is sent; a chat whose secret is not configured is a 404. Answers come at once, well within the
 * 3 seconds Slack waits.
 */
@Tag(name = "webhooks")
@SecurityRequirements
@Controller("/webhooks")
class SlashCommandController {
    static final int MAX_BODY = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SlashCommandController.class);
    private final CommandSettings settings;
    private final SlashCommands commands;
    private final Clock clock;

    SlashCommandController(CommandSettings settings, SlashCommands commands, Clock clock) {
        this.settings = settings;
        this.commands = commands;
        this.clock = clock;
    }

    /** A Slack slash command: 200 with the answer to show, 401 for a missing, stale or wrong signature. */
    @Post("/slack/commands")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    @Produces(MediaType.APPLICATION_JSON)
    SlashCommands.Reply slack(@Header(SlackSignature.TIMESTAMP) @Nullable String timestamp,
                              @Header(SlackSignature.SIGNATURE) @Nullable String signature, @Body @Nullable byte[] body) {
        String secret = settings.getSlackSigningSecret();
        if (secret == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "not-configured", "Not configured",
                    "Slack commands are off: mooring.chatops.commands.slack-signing-secret is not set");
        }
        byte[] raw = limited(body);
        try {
            SlackSignature.verify(secret, timestamp, signature, raw, clock.instant(), settings.getMaxAge());
        } catch (SlackSignature.BadRequestSignature e) {
            LOG.warn("slack command refused: {}", e.getMessage());
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "bad-signature", "Unauthorized", e.getMessage());
        }
        return commands.handle(SlashRequest.parse("slack", raw));
    }

    /** A Mattermost slash command: 200 with the answer to show, 401 for a missing or wrong token. */
    @Post("/mattermost/commands")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    @Produces(MediaType.APPLICATION_JSON)
    SlashCommands.Reply mattermost(@Body @Nullable byte[] body) {
        String token = settings.getMattermostToken();
        if (token == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "not-configured", "Not configured",
                    "Mattermost commands are off: mooring.chatops.commands.mattermost-token is not set");
        }
        SlashRequest request = SlashRequest.parse("mattermost", limited(body));
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), request.token().getBytes(StandardCharsets.UTF_8))) {
            LOG.warn("mattermost command refused: wrong or missing token");
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "bad-token", "Unauthorized",
                    "the token does not match the configured Mattermost command's token");
        }
        return commands.handle(request);
    }

    private static byte[] limited(@Nullable byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (raw.length > MAX_BODY) {
            throw new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too-large", "Payload too large",
                    "the body has " + raw.length + " bytes, more than the " + MAX_BODY + " accepted");
        }
        return raw;
    }
}
