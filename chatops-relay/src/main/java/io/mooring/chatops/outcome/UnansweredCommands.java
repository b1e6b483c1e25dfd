package io.mooring.chatops.outcome;

import io.lettuce.core.RedisException;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.scheduling.annotation.Scheduled;
import io.mooring.chatops.command.CommandSettings;
import io.mooring.chatops.message.HumanFormat;
import io.mooring.chatops.webhook.PostResult;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Says in the channel, once, that the platform did not answer a command within
 * {@code mooring.chatops.commands.answer-timeout}. Every {@code mooring.chatops.commands.sweep-interval} (30 s) it
 * claims the commands still unanswered (one relay wins each claim); a "no answer" post that cannot be delivered now
 * is put back and tried at the next sweep, until the command is no longer kept.
 */
@Singleton
class UnansweredCommands {
    private static final Logger LOG = LoggerFactory.getLogger(UnansweredCommands.class);
    private final PendingCommands commands;
    private final CommandReplies replies;
    private final Duration timeout;
    private final Clock clock;

    UnansweredCommands(PendingCommands commands, CommandReplies replies, CommandSettings settings, Clock clock) {
        this.commands = commands;
        this.replies = replies;
        this.timeout = settings.getAnswerTimeout();
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${mooring.chatops.commands.sweep-interval:30s}",
            initialDelay = "${mooring.chatops.commands.sweep-interval:30s}")
    void sweep() {
        try {
            for (String commandId : commands.unansweredBefore(clock.instant().minus(timeout))) {
                if (commands.claim(commandId)) {
                    commands.find(commandId).ifPresent(this::sayNobodyAnswered);
                }
            }
        } catch (RedisException | BeanInstantiationException e) {
            LOG.warn("cannot look for unanswered commands now (Redis): {}", e.getMessage());
        }
    }

    private void sayNobodyAnswered(PendingCommand command) {
        String text = "⌛ No answer from the platform within " + HumanFormat.duration(timeout.toSeconds()) + " ("
                + command.summary() + ", command " + command.commandId() + "); it may still be acted on later.";
        PostResult result = replies.post(command, text);
        switch (result.outcome()) {
            case DELIVERED -> LOG.info("command {} unanswered after {}: said so at {}", command.commandId(), timeout,
                    command.host());
            case REJECTED -> LOG.warn("command {} unanswered after {}: {} refused the notice: {}", command.commandId(),
                    timeout, command.host(), result.error());
            case UNAVAILABLE -> {
                LOG.warn("command {} unanswered after {}: {} unavailable ({}), trying again later", command.commandId(),
                        timeout, command.host(), result.error());
                commands.unclaim(command);
            }
        }
    }
}
