package io.mooring.monitor.rollup;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Deletes uptime days older than {@link UptimeDays#RETENTION_DAYS}, in bounded batches. Every replica
 * runs it; batches of several replicas delete disjoint rows or nothing.
 */
@Singleton
public class UptimePruner {
    private static final Logger LOG = LoggerFactory.getLogger(UptimePruner.class);

    private final UptimeDays days;
    private final Clock clock;
    private final int batchSize;

    public UptimePruner(UptimeDays days, Clock clock, @Value("${mooring.retention.batch-size:1000}") int batchSize) {
        this.days = days;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelay = "${mooring.uptime.prune-interval:1h}", initialDelay = "${mooring.uptime.prune-initial-delay:5m}")
    void scheduled() {
        try {
            long deleted = prune();
            if (deleted > 0) {
                LOG.info("uptime: deleted {} days older than {} days", deleted, UptimeDays.RETENTION_DAYS);
            }
        } catch (RuntimeException e) {
            LOG.warn("uptime: pruning failed, trying again at the next run: {}", e.getMessage());
        }
    }

    /** Deletes every day before the retention window (today and the 89 days before it are kept). */
    public long prune() {
        LocalDate firstKept = UptimeDays.dayOf(clock.instant()).minusDays(UptimeDays.RETENTION_DAYS - 1);
        long total = 0;
        int deleted;
        do {
            deleted = days.deleteBefore(firstKept, batchSize);
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }
}
