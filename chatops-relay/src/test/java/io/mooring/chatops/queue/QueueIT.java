package io.mooring.chatops.queue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.chatops.RelayIT;
import io.mooring.chatops.WebhookReceiver;
import io.mooring.chatops.delivery.Delivery;
import io.mooring.chatops.delivery.DeliveryLedger;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupRunStarted;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.testing.EventTopics;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-target queues against the real Kafka and TLS Redis, with a real HTTP receiver: a target that is down holds
 * back only itself and is given up on after {@code give-up-after}; each target is posted to no faster than its rate;
 * monitors going down together are one message.
 */
@MicronautTest
class QueueIT extends RelayIT {
    @Inject
    DeliveryLedger ledger;

    QueueIT() {
        super("queues", Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING);
    }

    @Override
    protected void settings(Map<String, String> properties) {
        properties.put("mooring.chatops.delivery.rate-per-second", "2");
        properties.put("mooring.chatops.delivery.burst", "1");
        properties.put("mooring.chatops.delivery.group-wait", "3s");
        properties.put("mooring.chatops.delivery.backoff-initial", "200ms");
        properties.put("mooring.chatops.delivery.backoff-max", "1s");
        properties.put("mooring.chatops.delivery.give-up-after", "15s");
        target(properties, 0, "up", "generic", receiver.url("/up"), "mooring.provisioning.account.");
        target(properties, 1, "down", "generic", receiver.url("/down"), "mooring.provisioning.account.");
        target(properties, 2, "limited", "generic", receiver.url("/limited"), "mooring.backups.");
        target(properties, 3, "grouped", "generic", receiver.url("/grouped"), "mooring.monitoring.");
    }

    @Test
    void aTargetThatIsDownHoldsBackOnlyItselfAndIsGivenUpOnAfterGiveUpAfter() {
        receiver.down("/down", 500);
        List<EventEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            EventEnvelope resumed = EventTopics.envelope("provisioner", new AccountResumed("acct-" + UUID.randomUUID()));
            events.send(resumed);
            sent.add(resumed);
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sent)
                .allSatisfy(e -> assertThat(receiver.received("/up", e.id())).hasSize(1)));
        // all the while, the target that is down was asked for its oldest message only (in Kafka's order per partition,
        // so the oldest of the five is not known here: every post is about one event)
        assertThat(receiver.received("/down")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.answeredWith()).isEqualTo(500));
        assertThat(receiver.received("/down").stream().map(WebhookReceiver.Received::eventId).distinct()).hasSize(1);

        UUID first = UUID.fromString(receiver.received("/down").getFirst().eventId());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ledger.recent(1000, first))
                .filteredOn(d -> d.target().equals("down") && !d.retrying()).singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo(Delivery.FAILED);
                    assertThat(d.error()).isEqualTo("HTTP 500; given up after PT15S");
                }));
        assertThat(ledger.recent(1000, first)).filteredOn(d -> d.target().equals("down") && d.retrying()).isNotEmpty();
        receiver.up("/down");
    }

    @Test
    void tenPostsAtTwoASecondTakeAtLeastFourSeconds() {
        String policy = "bpol-" + UUID.randomUUID();
        List<EventEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            EventEnvelope started = EventTopics.envelope("backup-service", new BackupRunStarted(policy, "brun-" + i, "acct-1"));
            events.send(started);
            sent.add(started);
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sent)
                .allSatisfy(e -> assertThat(receiver.received("/limited", e.id())).hasSize(1)));
        List<WebhookReceiver.Received> posts = sent.stream().map(e -> receiver.received("/limited", e.id()).getFirst())
                .sorted(java.util.Comparator.comparing(WebhookReceiver.Received::at)).toList();
        // one at once (the burst of 1), then one every 500 ms: nine gaps, 4.5 s (receipt times also carry the posts'
        // own latency, the first one's connection set-up included)
        assertThat(Duration.between(posts.getFirst().at(), posts.getLast().at())).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void thirtyMonitorsGoingDownTogetherAreOneMessage() {
        String account = "acct-" + UUID.randomUUID();
        List<EventEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            EventEnvelope down = EventTopics.envelope("monitor-service",
                    new MonitorStateChanged("mon-" + i + "-" + account, "UP", "DOWN", "HTTP 503", account));
            events.send(down);
            sent.add(down);
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/grouped"))
                .filteredOn(r -> r.body().contains(account)).isNotEmpty());
        // every event is accounted for in the delivery log, so the group has been posted as a whole
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sent).allSatisfy(e -> assertThat(ledger.recent(1000, e.id()))
                .filteredOn(d -> d.target().equals("grouped")).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(Delivery.DELIVERED))));
        List<WebhookReceiver.Received> posts = receiver.received("/grouped").stream()
                .filter(r -> r.body().contains(account)).toList();
        assertThat(posts).singleElement().satisfies(post -> assertThat(post.body())
                .contains("30 monitors of account " + account + " are DOWN: mon-")
                .contains(" and 27 more"));
    }
}
