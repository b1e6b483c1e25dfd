package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandAnswer;
import io.mooring.events.chatops.CommandIssued;

/**
 * The provisioner refused a chat command (no such account, a transition the account cannot take). Written on the service's own topic instead of dead-lettering the command.
 *
 * @param command the refused command's name, e.g. {@code account.suspend}
 * @param target  the refused command's target, as issued (also the subject)
 * @param reason  why, for the person who asked
 */
@EventType(value = "mooring.provisioning.command.rejected.v1", topic = Topics.PROVISIONING)
public record AccountCommandRejected(String commandId, String command, String target, String reason)
        implements MooringEvent, CommandAnswer {

    public AccountCommandRejected {
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
