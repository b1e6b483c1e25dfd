package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandAnswer;
import io.mooring.events.chatops.CommandIssued;

/**
 * The backup service refused a chat command (no such policy or account, nothing to run). Written on the service's own topic instead of dead-lettering the command.
 *
 * @param command the refused command's name, e.g. {@code account.suspend}
 * @param target  the refused command's target, as issued (also the subject)
 * @param reason  why, for the person who asked
 */
@EventType(value = "mooring.backups.command.rejected.v1", topic = Topics.BACKUPS)
public record BackupCommandRejected(String commandId, String command, String target, String reason)
        implements MooringEvent, CommandAnswer {

    public BackupCommandRejected {
        Require.text(commandId, "commandId");
        CommandIssued.checkCommand(command);
        Require.text(target, "target");
        Require.text(reason, "reason");
    }

    @Override
    public String subject() {
        return target;
    }
}
