package io.mooring.chatops.delivery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.chatops.message.Notification;
import io.mooring.chatops.webhook.PostResult;
import io.mooring.chatops.webhook.WebhookTarget;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One attempt to post an event to a target, as kept in the delivery log.
 *
 * @param status     {@code delivered}, {@code failed}, or {@code purged} (removed from its queue unposted, by a purge
 *                   or because its target was deleted)
 * @param httpStatus the target's answer; null when it gave none (unreachable, timed out)
 * @param message    the chat message that was posted (or tried)
 * @param error      why it failed; null when delivered
 * @param retrying   true when the failure is transient and the event will be posted again
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Delivery(UUID eventId, String type, String target,
                       @Schema(allowableValues = {"delivered", "failed", "purged"}) String status, @Nullable Integer httpStatus,
                       Instant at, String message, @Nullable String error, boolean retrying) {

    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String PURGED = "purged";

    public Delivery {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
        if (!DELIVERED.equals(status) && !FAILED.equals(status) && !PURGED.equals(status)) {
            throw new IllegalArgumentException("status must be " + DELIVERED + ", " + FAILED + " or " + PURGED
                    + ", was '" + status + "'");
        }
        if (DELIVERED.equals(status) && (error != null || retrying)) {
            throw new IllegalArgumentException("a delivered post has no error and is not retried");
        }
    }

    public static Delivery of(Notification notification, WebhookTarget target, PostResult result, Instant at) {
        boolean delivered = result.outcome() == PostResult.Outcome.DELIVERED;
        return new Delivery(notification.eventId(), notification.type(), target.name(), delivered ? DELIVERED : FAILED,
                result.httpStatus(), at, notification.message(), result.error(), !result.isFinal());
    }
}
