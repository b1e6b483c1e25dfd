package io.mooring.chatops.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.chatops.RelayIT;
import io.mooring.chatops.WebhookReceiver;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.testing.EventTopics;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A target that answers 429 or 503 with {@code Retry-After} is not asked again sooner (the queue's own backoff
 * starts at 200 ms), and the wait is capped by {@code mooring.chatops.delivery.backoff-max}; against the real Kafka and TLS
 * Redis with a real HTTP receiver.
 */
@MicronautTest
class RetryAfterIT extends RelayIT {
    @Inject
    DeliveryLedger ledger;

    RetryAfterIT() {
        super("retry-after", Topics.PROVISIONING);
    }

    @Override
    protected void settings(Map<String, String> properties) {
        properties.put("mooring.chatops.delivery.backoff-initial", "200ms");
        properties.put("mooring.chatops.delivery.backoff-max", "4s");
        properties.put("mooring.chatops.delivery.rate-per-second", "1000");
        target(properties, 0, "limited", "slack", receiver.url("/limited"), null);
    }

    @Test
    void aTargetAnswering429WithRetryAfterIsAskedAgainNoSooner() {
        receiver.answerRetryAfter("/limited", 429, "2");
        EventEnvelope ready = ready();

        List<WebhookReceiver.Received> posts = awaitPosts(ready);
        assertThat(posts.get(0).answeredWith()).isEqualTo(429);
        assertThat(posts.get(1).answeredWith()).isEqualTo(200);
        assertThat(Duration.between(posts.get(0).at(), posts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ledger.recent(10, ready.id()))
                .extracting(Delivery::error).contains("HTTP 429 (Retry-After 2 s)"));
    }

    @Test
    void aRetryAfterLongerThanTheBackoffMaximumIsCappedByIt() {
        receiver.answerRetryAfter("/limited", 503, "3600");
        EventEnvelope ready = ready();

        List<WebhookReceiver.Received> posts = awaitPosts(ready);
        assertThat(posts.get(0).answeredWith()).isEqualTo(503);
        assertThat(Duration.between(posts.get(0).at(), posts.get(1).at()))
                .isBetween(Duration.ofMillis(3900), Duration.ofSeconds(30));
    }

    private EventEnvelope ready() {
        String account = UUID.randomUUID().toString();
        EventEnvelope ready = EventTopics.envelope("provisioner",
                new AccountReady(account, "acme-" + account.substring(0, 8), "h-1", "small", "ops@acme.example"));
        events.send(ready);
        return ready;
    }

    private List<WebhookReceiver.Received> awaitPosts(EventEnvelope event) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/limited", event.id())).hasSize(2));
        return receiver.received("/limited", event.id());
    }
}
