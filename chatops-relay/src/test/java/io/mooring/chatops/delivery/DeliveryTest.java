package io.mooring.chatops.delivery;

import io.mooring.chatops.message.Notification;
import io.mooring.chatops.webhook.PostResult;
import io.mooring.chatops.webhook.WebhookTarget;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryTest {
    private static final Instant AT = Instant.parse("2026-11-22T03:00:00Z");
    private final Notification notification = new Notification(UUID.randomUUID(), "mooring.provisioning.account.resumed.v1",
            "a-1", OffsetDateTime.parse("2026-11-22T02:59:59Z"), "▶️ Account a-1 resumed", "{}".getBytes());
    private final WebhookTarget target = WebhookTarget.parse("ops", "https://hooks.example.org/x", "slack", null);

    @Test
    void recordsADeliveredPost() {
        Delivery delivery = Delivery.of(notification, target, PostResult.ofStatus(200), AT);

        assertThat(delivery).isEqualTo(new Delivery(notification.eventId(), notification.type(), "ops", "delivered", 200,
                AT, "▶️ Account a-1 resumed", null, false));
    }

    @Test
    void recordsARefusedPostAsFailedForGood() {
        Delivery delivery = Delivery.of(notification, target, PostResult.ofStatus(404), AT);

        assertThat(delivery.status()).isEqualTo("failed");
        assertThat(delivery.httpStatus()).isEqualTo(404);
        assertThat(delivery.error()).isEqualTo("HTTP 404");
        assertThat(delivery.retrying()).isFalse();
    }

    @Test
    void recordsAnUnreachableTargetAsFailedAndRetrying() {
        Delivery delivery = Delivery.of(notification, target, PostResult.unreachable("ConnectException: refused"), AT);

        assertThat(delivery.status()).isEqualTo("failed");
        assertThat(delivery.httpStatus()).isNull();
        assertThat(delivery.retrying()).isTrue();
    }

    @Test
    void acceptsOnlyKnownStatuses() {
        assertThatThrownBy(() -> new Delivery(notification.eventId(), notification.type(), "ops", "posted", 200, AT, "m", null, false))
                .hasMessageContaining("status must be delivered, failed or purged");
    }
}
