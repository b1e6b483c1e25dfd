package io.mooring.monitor.chatops;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.runtime.consumer.EventHandler;
import io.mooring.runtime.consumer.ProcessedEvents;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Applies the chat commands of {@code mooring.chatops.commands} that concern monitors
 * ({@link MonitorCommands#NAMES}), each once, in one transaction with its processed mark and its
 * answer. Other commands ({@code account.*}, {@code backup.run}) and other events are skipped.
 */
@Singleton
public class ChatopsEventHandler implements EventHandler {
    /** Consumer group suffix, and the consumer name of the idempotency guard. */
    public static final String NAME = "chatops";

    private final MonitorCommands commands;
    private final ProcessedEvents processed;

    public ChatopsEventHandler(MonitorCommands commands, ProcessedEvents processed) {
        this.commands = commands;
        this.processed = processed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CHATOPS_COMMANDS);
    }

    @Override
    public void handle(ReceivedEvent event) {
        if (event.data().orElse(null) instanceof CommandIssued command && MonitorCommands.NAMES.contains(command.command())) {
            processed.applyOnce(NAME, event.id(), () -> commands.apply(command));
        }
    }
}
