package io.mooring.runtime.retention;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.runtime.outbox.OutboxRelay;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes published outbox rows and processed-event records once they are older than their retention
 * (by default 14 days, longer than the topics keep events, so a replay never meets an event whose
 * guard is gone). Deletes in bounded batches, each in a short transaction of its own, on the replica
 * that publishes the outbox.
 */
@Singleton
@Requires(beans = DataSource.class)
public class RetentionPruner {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPruner.class);
    private static final String PRUNE_OUTBOX = """
            DELETE FROM mooring_outbox WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM mooring_outbox WHERE published_at < ? LIMIT ?))
            """;
    private static final String PRUNE_PROCESSED = """
            DELETE FROM mooring_processed_event WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM mooring_processed_event WHERE processed_at < ? LIMIT ?))
            """;

    private final TransactionOperations<Connection> transactions;
    private final Provider<OutboxRelay> relay;
    private final Clock clock;
    private final Duration outboxRetention;
    private final Duration processedRetention;
    private final int batchSize;

    public RetentionPruner(TransactionOperations<Connection> transactions, Provider<OutboxRelay> relay, Clock clock,
                           @Value("${mooring.retention.outbox:14d}") Duration outboxRetention,
                           @Value("${mooring.retention.processed-events:14d}") Duration processedRetention,
                           @Value("${mooring.retention.batch-size:1000}") int batchSize) {
        this.transactions = transactions;
        this.relay = relay;
        this.clock = clock;
        this.outboxRetention = outboxRetention;
        this.processedRetention = processedRetention;
        this.batchSize = batchSize;
    }

    /** How many rows one pruning deleted. */
    public record Pruned(long outbox, long processedEvents) {
    }

    @Scheduled(fixedDelay = "${mooring.retention.interval:1h}", initialDelay = "${mooring.retention.initial-delay:5m}")
    void scheduled() {
        if (!relay.get().isLeader()) {
            return; // the publishing replica prunes; the others would only compete for the same rows
        }
        try {
            Pruned pruned = prune();
            if (pruned.outbox() + pruned.processedEvents() > 0) {
                LOG.info("retention: deleted {} published outbox rows and {} processed-event records",
                        pruned.outbox(), pruned.processedEvents());
            }
        } catch (RuntimeException e) {
            LOG.warn("retention: pruning failed, trying again at the next run: {}", e.getMessage());
        }
    }

    /** Deletes every row past its retention, batch by batch. */
    public Pruned prune() {
        Instant now = clock.instant();
        return new Pruned(deleteAll(PRUNE_OUTBOX, now.minus(outboxRetention)),
                deleteAll(PRUNE_PROCESSED, now.minus(processedRetention)));
    }

    private long deleteAll(String sql, Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = transactions.executeWrite(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                    ps.setTimestamp(1, Timestamp.from(cutoff));
                    ps.setInt(2, batchSize);
                    return ps.executeUpdate();
                }
            });
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }
}
