package io.mooring.chatops.message;

import io.mooring.events.ReceivedEvent;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * A platform event rendered for people: the one-line {@code message} plus what a generic webhook
 * receiver needs to process the event itself.
 *
 * @param data the event's JSON payload as it travelled on Kafka
 */
public record Notification(UUID eventId, String type, String subject, OffsetDateTime time, String message, byte[] data) {

    public Notification {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        if (type == null || type.isBlank() || subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("type and subject must not be blank");
        }
        if (message == null || message.isBlank() || message.contains("\n")) {
            throw new IllegalArgumentException("message must be one non-blank line");
        }
        data = data.clone();
    }

    public static Notification of(ReceivedEvent event, String message) {
        return new Notification(event.id(), event.type(), event.subject(), event.time(), message, event.rawData());
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Notification that && eventId.equals(that.eventId) && type.equals(that.type)
                && subject.equals(that.subject) && time.equals(that.time) && message.equals(that.message)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, type, subject, time, message) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Notification[eventId=" + eventId + ", type=" + type + ", message=" + message + "]";
    }
}
