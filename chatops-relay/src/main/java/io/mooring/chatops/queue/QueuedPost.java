package io.mooring.chatops.queue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.chatops.message.Notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A rendered event waiting in a target's queue, as stored in Redis (JSON).
 *
 * @param data     the event's JSON payload, for generic targets
 * @param queuedAt when the notifier queued it: the start of its grouping window and of {@code give-up-after}
 * @param group    nullable: the group it may be posted in, with events like it (see {@link Grouping})
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueuedPost(UUID eventId, String type, String subject, OffsetDateTime time, String message, String data,
                         Instant queuedAt, @Nullable Group group) {

    /**
     * Events posted as one message: those with the same {@code key} (event type, new state, account).
     *
     * @param icon   the message's first character(s), e.g. 🔴
     * @param phrase what they share, e.g. {@code monitors are DOWN}
     * @param item   this event's name in the list, e.g. the monitor
     */
    @Serdeable
    public record Group(String key, String icon, String phrase, String item) {
    }

    public static QueuedPost of(Notification notification, Instant queuedAt, @Nullable Group group) {
        return new QueuedPost(notification.eventId(), notification.type(), notification.subject(), notification.time(),
                notification.message(), new String(notification.data(), StandardCharsets.UTF_8), queuedAt, group);
    }

    /** The notification as posted, with {@code message} (its own, or its group's). */
    public Notification notification(String message) {
        return new Notification(eventId, type, subject, time, message, data.getBytes(StandardCharsets.UTF_8));
    }
}
