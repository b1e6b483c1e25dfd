package io.mooring.chatops.outcome;

import io.mooring.chatops.delivery.Delivery;
import io.mooring.chatops.delivery.DeliveryLedger;
import io.mooring.chatops.delivery.TargetsUnavailableException;
import io.mooring.chatops.message.MessageRenderer;
import io.mooring.chatops.message.Naming;
import io.mooring.chatops.webhook.PostResult;
import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandAnswer;
import io.mooring.runtime.consumer.EventHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Posts the services' answers to chat commands (events whose data is a {@link CommandAnswer} with a
 * {@code commandId}) to the {@code response_url} of the command, while the relay keeps it ({@link PendingCommands}).
 * Its own consumer group ({@code chatops-relay.outcomes}), apart from the targets' ({@code notifier}), so a target
 * that is down does not hold back answers. Each answering event is posted once (its mark in the {@link DeliveryLedger},
 * target {@value #TARGET}); a command may have several answers. A response URL that is unavailable retries the
 * event; one that refuses it (Slack's expire after 30 minutes) is logged and left.
 */
@Singleton
class CommandOutcomeHandler implements EventHandler {
    static final String TARGET = "command-response";
    private static final Logger LOG = LoggerFactory.getLogger(CommandOutcomeHandler.class);

    private final PendingCommands commands;
    private final CommandReplies replies;
    private final MessageRenderer renderer;
    private final Naming naming;
    private final DeliveryLedger ledger;
    private final Clock clock;

    CommandOutcomeHandler(PendingCommands commands, CommandReplies replies, MessageRenderer renderer, Naming naming,
                          DeliveryLedger ledger, Clock clock) {
        this.commands = commands;
        this.replies = replies;
        this.renderer = renderer;
        this.naming = naming;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "outcomes";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING);
    }

    @Override
    public void handle(ReceivedEvent event) throws TargetsUnavailableException {
        Optional<MooringEvent> data = event.data();
        if (data.isEmpty() || !(data.get() instanceof CommandAnswer answer) || answer.commandId() == null) {
            return;
        }
        Optional<PendingCommand> command = commands.find(answer.commandId());
        if (command.isEmpty()) {
            LOG.debug("{} ({}) answers command {}, which is not (or no longer) kept here", event.id(), event.type(),
                    answer.commandId());
            return;
        }
        if (ledger.isSettled(event.id(), TARGET)) {
            return;
        }
        commands.answered(answer.commandId());
        String message = renderer.render(data.get()).map(naming::named).orElse(event.type()) + " (" + command.get().summary() + ")";
        PostResult result = replies.post(command.get(), message);
        ledger.record(new Delivery(event.id(), event.type(), TARGET,
                result.outcome() == PostResult.Outcome.DELIVERED ? Delivery.DELIVERED : Delivery.FAILED,
                result.httpStatus(), clock.instant(), message, result.error(), !result.isFinal()), result.isFinal());
        switch (result.outcome()) {
            case DELIVERED -> LOG.info("answer {} ({}) to command {} posted to {}", event.id(), event.type(),
                    answer.commandId(), command.get().host());
            case REJECTED -> LOG.warn("answer {} ({}) to command {} refused by {}: {}; not retried", event.id(),
                    event.type(), answer.commandId(), command.get().host(), result.error());
            case UNAVAILABLE -> throw new TargetsUnavailableException(List.of("response_url of command "
                    + answer.commandId() + " at " + command.get().host() + " (" + result.error() + ")"), result.retryAfter());
        }
    }
}
