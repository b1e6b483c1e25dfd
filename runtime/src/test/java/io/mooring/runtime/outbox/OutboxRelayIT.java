package io.mooring.runtime.outbox;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountPlaced;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountRequested;
import io.mooring.testing.RealServersProperties;
import io.mooring.testing.TopicReader;
import io.mooring.stack.KafkaServer;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
    @Inject
    OutboxLeadership leadership;
    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(RealServersProperties.withFreshDatabase("outbox", ServerKind.KAFKA, ServerKind.POSTGRES));
        // smaller than the backlogs below, so the pending gauge must count more than one batch
        properties.put("mooring.outbox.batch-size", "10");
        properties.put("mooring.outbox.leadership-retry", "200ms");
        return properties;
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
            // the whole backlog, not the relay's batch of 10
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(meters.get("mooring.outbox.pending").gauge().value()).isEqualTo(15.0));
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

    @Test
    void partialAcknowledgementMarksExactlyTheAcknowledgedPrefixAndPublishesNothingTwice() {
        String account = UUID.randomUUID().toString();
        // six events in one commit; the fourth is larger than Kafka accepts, so only the first three are acknowledged
        List<UUID> written = transactions.executeWrite(status -> {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(outbox.append(new AccountPlaced(account, "host-" + i)).id());
            }
            UUID tooLarge = UUID.randomUUID();
            try (PreparedStatement ps = status.getConnection().prepareStatement("""
                    INSERT INTO mooring_outbox (event_id, topic, event_key, event_type, source, subject, event_time, data)
                    VALUES (?, ?, ?, 'mooring.provisioning.account.placed.v1', 'test', ?, now(),
                            jsonb_build_object('accountId', ?::text, 'hostId', repeat('x', 2000000)))
                    """)) {
                ps.setObject(1, tooLarge);
                ps.setString(2, Topics.PROVISIONING);
                ps.setString(3, account);
                ps.setString(4, account);
                ps.setString(5, account);
                ps.executeUpdate();
            }
            ids.add(tooLarge);
            for (int i = 4; i < 6; i++) {
                ids.add(outbox.append(new AccountPlaced(account, "host-" + i)).id());
            }
            return ids;
        });
        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> published(written).equals(written.subList(0, 3)));
                // the relay keeps retrying the fourth: nothing after it is sent or marked meanwhile
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                        published(written).equals(written.subList(0, 3)) && ofAccount(reader.events(), account).size() == 3);
            } finally {
                fixTooLargeEvent(written.get(3), account);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> ofAccount(reader.events(), account).size() >= 6);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                    ofAccount(reader.events(), account).size() == 6);
            assertThat(ofAccount(reader.events(), account)).extracting(ReceivedEvent::id).containsExactlyElementsOf(written);
        }
    }

    @Test
    void lostLeadershipConnectionIsTakenAgainAndPublishingGoesOn() {
        await().atMost(Duration.ofSeconds(10)).until(() -> leadership.backendPid() > 0);
        int leader = leadership.backendPid();
        transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT pg_terminate_backend(?)")) {
                ps.setInt(1, leader);
                ps.execute();
            }
            return null;
        });
        String account = UUID.randomUUID().toString();
        List<UUID> written = writeLifecycle(account);
        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ofAccount(reader.events(), account).size() >= 3);
            assertThat(ofAccount(reader.events(), account)).extracting(ReceivedEvent::id).containsExactlyElementsOf(written);
        }
        assertThat(leadership.backendPid()).isPositive().isNotEqualTo(leader);
        assertThat(locksHeldBy(leader)).isZero();
    }

    /** The ids among {@code ids} whose rows are marked published, in seq order. */
    private List<UUID> published(List<UUID> ids) {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT event_id FROM mooring_outbox WHERE event_id = ANY(?) AND published_at IS NOT NULL ORDER BY seq")) {
                ps.setArray(1, status.getConnection().createArrayOf("uuid", ids.toArray()));
                List<UUID> marked = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        marked.add(rs.getObject(1, UUID.class));
                    }
                }
                return marked;
            }
        });
    }

    private void fixTooLargeEvent(UUID id, String account) {
        transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE mooring_outbox SET data = jsonb_build_object('accountId', ?::text, 'hostId', 'host-3') WHERE event_id = ?")) {
                ps.setString(1, account);
                ps.setObject(2, id);
                return ps.executeUpdate();
            }
        });
    }

    private long locksHeldBy(int pid) {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = ?")) {
                ps.setInt(1, pid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
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
