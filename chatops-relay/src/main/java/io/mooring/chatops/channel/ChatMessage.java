package io.mooring.chatops.channel;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * A notification as chats show it: what happened ({@code header}), the rendered line with names ({@code message}),
 * a context line, and links.
 *
 * @param reference nullable: for an incident's follow-up, how it names the opening message where it cannot reply in
 *                  its thread, e.g. {@code (opened 2026-12-02 14:02 UTC)}
 * @param incident  nullable: the incident the event belongs to, whose messages form a thread
 */
public record ChatMessage(String header, String message, String context, List<Link> links, @Nullable String reference,
                          @Nullable Incident incident) {

    /** A link shown with the message. */
    public record Link(String label, String url) {
    }

    /**
     * @param id    the incident's id
     * @param stage what the event says of it: its opening message starts the thread, the others reply in it
     */
    public record Incident(String id, Stage stage) {
    }

    public enum Stage { OPENED, UPDATED, REMINDED, RESOLVED }

    public ChatMessage {
        links = List.copyOf(links);
    }

    /** The plain text: the message, and the reference to the opening one unless posted in its thread. */
    public String text(boolean inThread) {
        return reference == null || inThread ? message : message + " " + reference;
    }
}
