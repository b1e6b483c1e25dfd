package io.mooring.provisioner.command;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.provisioner.account.AccountLifecycle;
import io.mooring.runtime.consumer.EventHandler;
import io.mooring.runtime.consumer.PermanentEventFailure;
import io.mooring.runtime.consumer.ProcessedEvents;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies the chat commands addressed to the provisioner: {@code account.suspend} (argument
 * {@code reason}) and {@code account.resume}, with the account id as target. Each command is applied
 * once, in the transaction that records it as processed; other commands are ignored. A target that
 * is no account id is dead-lettered at once; a transition the account cannot take fails the same
 * way on every attempt and is dead-lettered by the consumer after its attempts.
 */
@Singleton
public class ChatopsEventHandler implements EventHandler {
    static final String SUSPEND = "account.suspend";
    static final String RESUME = "account.resume";
    private static final Logger LOG = LoggerFactory.getLogger(ChatopsEventHandler.class);

    private final AccountLifecycle lifecycle;
    private final ProcessedEvents processed;

    public ChatopsEventHandler(AccountLifecycle lifecycle, ProcessedEvents processed) {
        this.lifecycle = lifecycle;
        this.processed = processed;
    }

    @Override
    public String name() {
        return "commands";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CHATOPS_COMMANDS);
    }

    @Override
    public void handle(ReceivedEvent event) throws PermanentEventFailure {
        Optional<CommandIssued> issued = event.dataAs(CommandIssued.class);
        if (issued.isEmpty() || !Set.of(SUSPEND, RESUME).contains(issued.get().command())) {
            return;
        }
        CommandIssued command = issued.get();
        UUID account = accountId(command);
        processed.applyOnce(name(), event.id(), () -> apply(command, account));
    }

    private void apply(CommandIssued command, UUID account) {
        if (SUSPEND.equals(command.command())) {
            String reason = command.arguments().getOrDefault("reason", "").isBlank()
                    ? "suspended from chat by " + command.issuedBy() + " in " + command.channel()
                    : command.arguments().get("reason");
            lifecycle.suspend(account, reason);
        } else {
            lifecycle.resume(account);
        }
        LOG.info("{} {} applied (issued by {} in {})", command.command(), account, command.issuedBy(), command.channel());
    }

    private static UUID accountId(CommandIssued command) throws PermanentEventFailure {
        try {
            return UUID.fromString(command.target());
        } catch (IllegalArgumentException e) {
            throw new PermanentEventFailure(command.command() + ": target '" + command.target() + "' is not an account id");
        }
    }
}
