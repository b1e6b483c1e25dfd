package io.mooring.provisioner.command;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.events.provisioning.AccountCommandRejected;
import io.mooring.provisioner.account.AccountLifecycle;
import io.mooring.provisioner.account.AccountTransition;
import io.mooring.runtime.consumer.EventHandler;
import io.mooring.runtime.consumer.ProcessedEvents;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies the chat commands addressed to the provisioner: {@code account.suspend} (argument
 * {@code reason}) and {@code account.resume}, with the account id as target. Each command is applied
 * once, in the transaction that records it as processed; other commands are ignored. The resulting
 * {@code AccountSuspended}/{@code AccountResumed} carries the command's id; a command the provisioner
 * refuses (a target that is no account, a transition the account cannot take) is answered by
 * {@code AccountCommandRejected} with the reason instead.
 */
@Singleton
public class ChatopsEventHandler implements EventHandler {
    static final String SUSPEND = "account.suspend";
    static final String RESUME = "account.resume";
    private static final Logger LOG = LoggerFactory.getLogger(ChatopsEventHandler.class);

    private final AccountLifecycle lifecycle;
    private final ProcessedEvents processed;
    private final Outbox outbox;

    public ChatopsEventHandler(AccountLifecycle lifecycle, ProcessedEvents processed, Outbox outbox) {
        this.lifecycle = lifecycle;
        this.processed = processed;
        this.outbox = outbox;
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
    public void handle(ReceivedEvent event) {
        Optional<CommandIssued> issued = event.dataAs(CommandIssued.class);
        if (issued.isEmpty() || !Set.of(SUSPEND, RESUME).contains(issued.get().command())) {
            return;
        }
        CommandIssued command = issued.get();
        processed.applyOnce(name(), event.id(), () -> apply(command));
    }

    private void apply(CommandIssued command) {
        boolean suspend = SUSPEND.equals(command.command());
        Optional<UUID> account = accountId(command.target());
        Optional<String> refusal = account.isEmpty()
                ? Optional.of("'" + command.target() + "' is not an account id")
                : lifecycle.refusal(account.get(), suspend ? AccountTransition.SUSPEND : AccountTransition.RESUME);
        if (refusal.isPresent()) {
            outbox.append(new AccountCommandRejected(command.commandId(), command.command(), command.target(), refusal.get()));
            LOG.info("{} {} refused: {} (issued by {} in {})", command.command(), command.target(), refusal.get(),
                    command.issuedBy(), command.channel());
            return;
        }
        if (suspend) {
            String reason = command.arguments().getOrDefault("reason", "").isBlank()
                    ? "suspended from chat by " + command.issuedBy() + " in " + command.channel()
                    : command.arguments().get("reason");
            lifecycle.suspendAccess(account.get(), reason, command.commandId());
        } else {
            lifecycle.resumeAccess(account.get(), command.commandId());
        }
        LOG.info("{} {} applied (issued by {} in {})", command.command(), account.get(), command.issuedBy(), command.channel());
    }

    private static Optional<UUID> accountId(String target) {
        try {
            return Optional.of(UUID.fromString(target));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
