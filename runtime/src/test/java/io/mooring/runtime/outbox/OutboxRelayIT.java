package io.mooring.runtime.outbox;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountPlaced;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountRequested;
import io.mooring.runtime.testing.RealServersProperties;
import io.mooring.runtime.testing.TopicReader;
import io.mooring.stack.KafkaServer;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxRelayIT implements TestPropertyProvider {

    @Inject
    Outbox outbox;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return RealServersProperties.withFreshDatabase("outbox", ServerKind.KAFKA, ServerKind.POSTGRES);
    }

    @Test
    void publishesEveryEventOnceInTheOrderItWasWritten() {
        String account = UUID.randomUUID().toString();
        List<UUID> written = writeLifecycle(account);
        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ofAccount(reader.events(), account).size() >= 3);
            List<ReceivedEvent> events = ofAccount(reader.events(), account);
            assertThat(events).extracting(ReceivedEvent::id).containsExactlyElementsOf(written);
            assertThat(events).extracting(ReceivedEvent::type).containsExactly(
                    "mooring.provisioning.account.requested.v1", "mooring.provisioning.account.placed.v1",
                    "mooring.provisioning.account.ready.v1");
            assertThat(reader.records()).filteredOn(r -> account.equals(r.key())).hasSize(3);
        }
    }

    @Test
    void rolledBackStateChangeLeavesNoEvent() {
        String account = UUID.randomUUID().toString();
        try {
            transactions.executeWrite(status -> {
                outbox.append(new AccountRequested(account, "ghost", "small", "ghost@example.org"));
                throw new IllegalStateException("the state change failed");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        String marker = UUID.randomUUID().toString();
        writeLifecycle(marker);
        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ofAccount(reader.events(), marker).size() >= 3);
            assertThat(ofAccount(reader.events(), account)).isEmpty();
        }
    }

    @Test
    void eventsWrittenWhileKafkaIsDownArePublishedOnceInOrderWhenItReturns() {
        KafkaServer kafka = Servers.kafka();
        List<String> accounts = new ArrayList<>();
        Map<String, List<UUID>> written = new java.util.HashMap<>();
        kafka.stop();
        try {
            for (int i = 0; i < 5; i++) {
                String account = UUID.randomUUID().toString();
                accounts.add(account);
                written.put(account, writeLifecycle(account)); // commits although the broker is away
            }
        } finally {
            kafka.start();
        }
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    accounts.stream().allMatch(a -> ofAccount(reader.events(), a).size() >= 3));
            for (String account : accounts) {
                assertThat(ofAccount(reader.events(), account)).extracting(ReceivedEvent::id)
                        .containsExactlyElementsOf(written.get(account));
            }
        }
    }

    private List<UUID> writeLifecycle(String account) {
        return transactions.executeWrite(status -> List.of(
                outbox.append(new AccountRequested(account, "acct-" + account.substring(0, 8), "small", "ops@example.org")).id(),
                outbox.append(new AccountPlaced(account, "host-1")).id(),
                outbox.append(new AccountReady(account, "acct-" + account.substring(0, 8), "host-1", "small", "ops@example.org")).id()));
    }

    private static List<ReceivedEvent> ofAccount(List<ReceivedEvent> events, String account) {
        return events.stream().filter(e -> account.equals(e.subject())).toList();
    }
}
