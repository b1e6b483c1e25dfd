package io.mooring.chatops.queue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.mooring.chatops.WebhookReceiver;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupRunStarted;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.testing.EventTopics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A relay stopped while its queue is being drained: the next one (same Redis, same consumer group) posts what is left,
 * so every event arrives, and at most the one being posted at the stop arrives twice. Real Kafka, TLS Redis and HTTP.
 */
class QueueRestartIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aRestartMidQueueDeliversEverythingWithAtMostOneDuplicate() {
        try (WebhookReceiver receiver = new WebhookReceiver();
             EventTopics events = new EventTopics().create(Topics.BACKUPS)) {
            Map<String, Object> properties = new HashMap<>(Servers.properties(ServerKind.KAFKA, ServerKind.REDIS));
            properties.put("micronaut.server.port", -1);
            properties.put("mooring.auth.operator-tokens", "it-operator-token");
            properties.put("mooring.chatops.key-prefix", "it-restart-" + UUID.randomUUID());
            properties.put("mooring.chatops.delivery.rate-per-second", "2");
            properties.put("mooring.chatops.delivery.burst", "1");
            properties.put("mooring.chatops.webhooks[0].name", "slow");
            properties.put("mooring.chatops.webhooks[0].url", receiver.url("/slow"));
            properties.put("mooring.chatops.webhooks[0].event-types", "mooring.backups.");

            String policy = "bpol-" + UUID.randomUUID();
            List<EventEnvelope> sent = new ArrayList<>();
            try (ApplicationContext first = start(properties)) {
                for (int i = 0; i < 10; i++) {
                    EventEnvelope started = EventTopics.envelope("backup-service", new BackupRunStarted(policy, "brun-" + i, "a-1"));
                    events.send(started);
                    sent.add(started);
                }
                await().atMost(PATIENCE).until(() -> receiver.received("/slow").size() >= 3);
            }
            int beforeRestart = receiver.received("/slow").size();
            assertThat(beforeRestart).as("stopped mid-queue").isLessThan(10);

            try (ApplicationContext second = start(properties)) {
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(sent)
                        .allSatisfy(e -> assertThat(receiver.received("/slow", e.id())).isNotEmpty()));
            }
            assertThat(receiver.received("/slow")).as("at most the post in flight at the stop is repeated")
                    .hasSizeBetween(10, 11);
        }
    }

    /** With its HTTP server: the consumers start when the server has. */
    private static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
    }
}
