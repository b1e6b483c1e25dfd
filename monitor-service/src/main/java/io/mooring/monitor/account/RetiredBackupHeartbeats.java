package io.mooring.monitor.account;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.monitor.monitor.MonitorRegistry;
import io.mooring.monitor.monitor.MonitorRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deletes the account-wide {@code <account>-backup} heartbeats that {@code AccountReady} used to create
 * and nothing fed, listed by migration V7 in {@code retired_backup_heartbeat}: through the registry, so
 * each gets its {@code MonitorDeleted}. Per-policy heartbeats replace them. Runs soon after start and
 * then hourly, so a store that was away at start is caught up later; an empty list costs one query.
 */
@Singleton
public class RetiredBackupHeartbeats {
    private static final Logger LOG = LoggerFactory.getLogger(RetiredBackupHeartbeats.class);

    private final JdbcOperations jdbc;
    private final MonitorRepository monitors;
    private final MonitorRegistry registry;
    private final TransactionOperations<Connection> transactions;

    public RetiredBackupHeartbeats(JdbcOperations jdbc, MonitorRepository monitors, MonitorRegistry registry,
                                   TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.monitors = monitors;
        this.registry = registry;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5s")
    void scheduled() {
        try {
            int removed = removeAll();
            if (removed > 0) {
                LOG.info("deleted {} account-wide backup heartbeats replaced by per-policy ones", removed);
            }
        } catch (RuntimeException e) {
            LOG.warn("deleting retired backup heartbeats failed, retrying in an hour: {}", e.toString());
        }
    }

    /** Deletes every listed monitor still there, and the list; returns how many monitors were deleted. */
    public int removeAll() {
        return transactions.executeWrite(status -> {
            List<UUID> listed = jdbc.prepareStatement("SELECT monitor_id FROM retired_backup_heartbeat FOR UPDATE SKIP LOCKED",
                    ps -> {
                        List<UUID> ids = new ArrayList<>();
                        try (ResultSet rows = ps.executeQuery()) {
                            while (rows.next()) {
                                ids.add(rows.getObject(1, UUID.class));
                            }
                        }
                        return ids;
                    });
            int deleted = 0;
            for (UUID id : listed) {
                if (monitors.existsById(id)) {
                    registry.delete(id);
                    deleted++;
                }
                jdbc.prepareStatement("DELETE FROM retired_backup_heartbeat WHERE monitor_id = ?", ps -> {
                    ps.setObject(1, id);
                    return ps.executeUpdate();
                });
            }
            return deleted;
        });
    }
}
