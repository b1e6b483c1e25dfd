package io.mooring.events.chatops;

/**
 * An event that can answer a chat command ({@link CommandIssued}): it carries the command's id when a command
 * caused it, so the relay can tell the person who asked. {@code commandId} is null for the same fact caused by
 * anything else (the API, a schedule).
 */
public interface CommandAnswer {

    /** Nullable: the id of the command that caused this event. */
    String commandId();
}
