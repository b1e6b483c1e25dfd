package io.mooring.chatops.command;

import io.micronaut.serde.annotation.Serdeable;
import io.mooring.chatops.outcome.PendingCommand;
import io.mooring.chatops.outcome.PendingCommands;
import io.mooring.chatops.outcome.ResponseUrls;
import io.mooring.events.EventEnvelope;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.runtime.kafka.EventPublisher;
import io.mooring.runtime.kafka.KafkaUnavailableException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * What a verified slash command does, the same for Slack and Mattermost: help and refusals are answered to the person
 * alone; a command naming a known account or monitor (or the platform), from an allowed user or channel if it changes
 * something, becomes {@code CommandIssued} on {@code mooring.chatops.commands} and is announced in the channel once
 * Kafka has it.
 */
@Singleton
class SlashCommands {
    private static final Logger LOG = LoggerFactory.getLogger(SlashCommands.class);
    private final CommandSettings settings;
    private final Names names;
    private final EventPublisher publisher;
    private final PendingCommands pending;
    private final ResponseUrls responseUrls;
    private final Clock clock;

    SlashCommands(CommandSettings settings, Names names, EventPublisher publisher, PendingCommands pending,
                  ResponseUrls responseUrls, Clock clock) {
        this.settings = settings;
        this.pending = pending;
        this.responseUrls = responseUrls;
        this.names = names;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The answer Slack and Mattermost show: to the person alone ({@code ephemeral}) or to the channel. */
    @Serdeable
    record Reply(String response_type, String text) {
        static Reply toPerson(String text) {
            return new Reply("ephemeral", text);
        }

        static Reply toChannel(String text) {
            return new Reply("in_channel", text);
        }
    }

    Reply handle(SlashRequest request) {
        CommandParser.Parsed parsed = CommandParser.parse(request.text());
        return switch (parsed) {
            case CommandParser.Help help -> Reply.toPerson(CommandParser.USAGE);
            case CommandParser.Invalid invalid -> Reply.toPerson(invalid.reason());
            case CommandParser.Command command -> issue(request, command);
        };
    }

    private Reply issue(SlashRequest request, CommandParser.Command command) {
        if (command.changesSomething() && !allowed(request)) {
            LOG.warn("{} refused: {} in {} may not run commands that change things", command.command(),
                    request.issuedBy(), request.channel());
            return Reply.toPerson("You may not " + command.summary() + ": only the users and channels in "
                    + "mooring.chatops.commands.allowed-users / allowed-channels may run commands that change things "
                    + "(your user id is " + request.userId() + ", this channel's " + request.channelId() + ").");
        }
        String target;
        try {
            target = target(command);
        } catch (Names.Unknown e) {
            return Reply.toPerson(e.getMessage());
        }
        UUID id = commandId(request);
        CommandIssued issued = new CommandIssued(id.toString(), command.command(), target, command.arguments(),
                request.issuedBy(), request.channel());
        EventEnvelope made = EventEnvelope.of("chatops-relay", issued, clock);
        String asked = request.issuedBy() + " asked to " + command.summary();
        // kept before it is sent: an answer may come back before publish returns
        boolean keptNow = rememberResponseUrl(request, id.toString(), asked);
        try {
            publisher.publish(new EventEnvelope(id, made.type(), made.source(), made.subject(), made.time(), issued));
        } catch (KafkaUnavailableException e) {
            LOG.warn("{} by {} not sent: {}", command.command(), request.issuedBy(), e.getMessage());
            if (keptNow) {
                // told "not sent": no "no answer" notice either (a publish that lands after all is not posted back)
                pending.forget(id.toString());
            }
            return Reply.toPerson("Not sent: the platform's Kafka did not answer in time. Nothing was done; try again.");
        }
        LOG.info("{} {} by {} in {}: command {}", command.command(), target, request.issuedBy(), request.channel(), id);
        return Reply.toChannel(asked + " (command " + id + ").");
    }

    /** The id of what the command is about, as its owning service knows it. */
    private String target(CommandParser.Command command) throws Names.Unknown {
        return switch (command.subject()) {
            case ACCOUNT -> names.account(command.target()).orElseThrow(() -> Names.Unknown.account(command.target()));
            case MONITOR -> names.monitor(command.target());
            case PLATFORM -> command.target();
        };
    }

    /**
     * Keeps where to post the command's outcome; true when kept by this call (false for a response_url the relay
     * does not post to, or a command kept already by an earlier delivery of the same invocation).
     */
    private boolean rememberResponseUrl(SlashRequest request, String commandId, String asked) {
        Optional<URI> url;
        try {
            url = responseUrls.accept(request.responseUrl());
        } catch (ResponseUrls.Refused e) {
            LOG.warn("command {}: outcome not posted back to the chat: {}", commandId, e.getMessage());
            return false;
        }
        return url.isPresent() && pending.remember(new PendingCommand(commandId, url.get(), request.chat(), asked,
                clock.instant()));
    }

    private boolean allowed(SlashRequest request) {
        return settings.getAllowedUsers().contains(request.userId())
                || !request.userName().isBlank() && settings.getAllowedUsers().contains(request.userName())
                || settings.getAllowedChannels().contains(request.channelId())
                || !request.channelName().isBlank() && settings.getAllowedChannels().contains(request.channelName());
    }

    /** The same for a delivery of the same invocation ({@code trigger_id}), so that it is acted on once. */
    private static UUID commandId(SlashRequest request) {
        if (request.triggerId().isBlank()) {
            return UUID.randomUUID();
        }
        return UUID.nameUUIDFromBytes((request.chat() + ":" + request.teamId() + ":" + request.triggerId())
                .getBytes(StandardCharsets.UTF_8));
    }
}
