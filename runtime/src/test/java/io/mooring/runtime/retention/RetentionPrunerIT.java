package io.mooring.runtime.retention;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.runtime.outbox.OutboxRelay;
import io.mooring.testing.RealServersProperties;
import io.mooring.stack.ServerKind;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionPrunerIT implements TestPropertyProvider {

    @Inject
    RetentionPruner pruner;
    @Inject
    OutboxRelay relay;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(RealServersProperties.withFreshDatabase("retention", ServerKind.KAFKA, ServerKind.POSTGRES));
        properties.put("mooring.retention.outbox", "14d");
        properties.put("mooring.retention.processed-events", "7d");
        properties.put("mooring.retention.batch-size", "2"); // several batches below
        return properties;
    }

    @BeforeAll
    void stopRelay() throws InterruptedException {
        relay.stop(); // the rows below keep the publication state they are given
    }

    @Test
    void deletesRowsPastTheirRetentionInBatchesAndKeepsTheRest() {
        List<UUID> oldPublished = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            oldPublished.add(outboxRow("now() - interval '15 days'", "now() - interval '15 days'"));
        }
        UUID recentlyPublished = outboxRow("now() - interval '20 days'", "now() - interval '13 days'");
        UUID neverPublished = outboxRow("now() - interval '30 days'", "NULL");
        List<UUID> oldProcessed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            oldProcessed.add(processed("now() - interval '8 days'"));
        }
        UUID recentlyProcessed = processed("now() - interval '6 days'");

        RetentionPruner.Pruned pruned = pruner.prune();

        assertThat(pruned).isEqualTo(new RetentionPruner.Pruned(5, 3));
        assertThat(ids("SELECT event_id FROM mooring_outbox")).containsExactlyInAnyOrder(recentlyPublished, neverPublished);
        assertThat(ids("SELECT event_id FROM mooring_processed_event")).containsExactly(recentlyProcessed);
        assertThat(pruner.prune()).isEqualTo(new RetentionPruner.Pruned(0, 0));
    }

    private UUID outboxRow(String createdAt, String publishedAt) {
        UUID id = UUID.randomUUID();
        execute("""
                INSERT INTO mooring_outbox (event_id, topic, event_key, event_type, source, subject, event_time, data, created_at, published_at)
                VALUES ('%s', 'mooring.test', 'k', 'mooring.test.thing.done.v1', 'test', 'k', %s, '{}', %s, %s)
                """.formatted(id, createdAt, createdAt, publishedAt));
        return id;
    }

    private UUID processed(String processedAt) {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO mooring_processed_event (consumer, event_id, processed_at) VALUES ('test', '%s', %s)"
                .formatted(id, processedAt));
        return id;
    }

    private void execute(String sql) {
        transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                return ps.executeUpdate();
            }
        });
    }

    private List<UUID> ids(String sql) {
        return transactions.executeRead(status -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        });
    }
}
