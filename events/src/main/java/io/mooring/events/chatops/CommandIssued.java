package io.mooring.events.chatops;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * An operator issued a command from chat. The service owning the target acts on it (or ignores
 * commands it does not know) and reports back through its own events.
 *
 * @param command   dotted lowercase name, {@code <entity>.<action>}, e.g. {@code account.suspend},
 *                  {@code account.resume}, {@code backup.run}, {@code monitor.pause}, {@code monitor.resume},
 *                  {@code status.show}
 * @param target    the id of the aggregate the command is about, e.g. an account id; also the key
 * @param arguments named arguments, e.g. {@code reason=unpaid}; never null, possibly empty
 * @param issuedBy  the chat user who issued it
 * @param channel   the chat channel it was issued in
 */
@EventType(value = "mooring.chatops.command.issued.v1", topic = Topics.CHATOPS_COMMANDS)
public record CommandIssued(String commandId, String command, String target, Map<String, String> arguments,
                            String issuedBy, String channel) implements MooringEvent {

    // the same pattern as the JSON Schema
    static final Pattern COMMAND = Pattern.compile("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$");

    public CommandIssued {
        Require.text(commandId, "commandId");
        checkCommand(command);
        Require.text(target, "target");
        arguments = Require.labels(arguments, "arguments");
        Require.text(issuedBy, "issuedBy");
        Require.text(channel, "channel");
    }

    /** A command name as the contract allows it, or an {@link IllegalArgumentException}. */
    public static String checkCommand(String command) {
        return Require.matches(command, COMMAND, "command", "a dotted lowercase name such as account.suspend");
    }

    @Override
    public String subject() {
        return target;
    }
}
