package io.mooring.monitor.rollup;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;

/**
 * Deletes the buckets of each {@link RollupLevel} older than its retention, in bounded batches. Every replica
 * runs it; batches of several replicas delete disjoint rows or nothing.
 */
@Singleton
public class UptimePruner {
    private static final Logger LOG = LoggerFactory.getLogger(UptimePruner.class);

    private final CheckRollups rollups;
    private final CompactionMarks marks;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final int batchSize;

    public UptimePruner(CheckRollups rollups, CompactionMarks marks, TransactionOperations<Connection> transactions, Clock clock,
                        @Value("${mooring.retention.batch-size:1000}") int batchSize) {
        this.rollups = rollups;
        this.marks = marks;
        this.transactions = transactions;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelay = "${mooring.uptime.prune-interval:1h}", initialDelay = "${mooring.uptime.prune-initial-delay:5m}")
    void scheduled() {
        try {
            long deleted = prune();
            if (deleted > 0) {
                LOG.info("uptime: deleted {} buckets past their retention", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("uptime: pruning failed, trying again at the next run: {}", e.getMessage());
        }
    }

    /**
     * Deletes every bucket before its level's retention window (of days: today and the 364 days before it are kept;
     * of hours, the current one and 719 before; of 5 minutes, the current one and 287 before, and any not folded into
     * hours and days yet); how many it deleted.
     */
    public long prune() {
        Instant now = clock.instant();
        Instant folded = transactions.executeRead(status -> marks.current()).compactedUntil();
        long total = 0;
        for (RollupLevel level : RollupLevel.values()) {
            Instant firstKept = level.firstKept(now);
            if (level == RollupLevel.FIVE_MINUTES && folded.isBefore(firstKept)) {
                firstKept = folded;
            }
            int deleted;
            do {
                deleted = rollups.deleteBefore(level, firstKept, batchSize);
                total += deleted;
            } while (deleted == batchSize);
        }
        return total;
    }
}
