package io.mooring.monitor.state;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.monitor.probe.ProbeStatus;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code monitor_status} rows: one per probed monitor, replaced by each check. */
@Singleton
public class CheckStatuses {
    private static final String SAVE = """
            INSERT INTO monitor_status (monitor_id, checked_at, outcome, latency_ms, reason, certificate_days_left,
                                        consecutive_failures, consecutive_successes, state_changes, flapping)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (monitor_id) DO UPDATE SET checked_at = EXCLUDED.checked_at, outcome = EXCLUDED.outcome,
                latency_ms = EXCLUDED.latency_ms, reason = EXCLUDED.reason,
                certificate_days_left = EXCLUDED.certificate_days_left,
                consecutive_failures = EXCLUDED.consecutive_failures,
                consecutive_successes = EXCLUDED.consecutive_successes,
                state_changes = EXCLUDED.state_changes, flapping = EXCLUDED.flapping""";

    private final JdbcOperations jdbc;

    public CheckStatuses(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Optional<CheckStatus> find(UUID monitorId) {
        return Optional.ofNullable(findAll(List.of(monitorId)).get(monitorId));
    }

    /** The statuses of those monitors that have one. */
    @Transactional
    public Map<UUID, CheckStatus> findAll(Collection<UUID> monitorIds) {
        if (monitorIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("SELECT * FROM monitor_status WHERE monitor_id = ANY(?)", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", monitorIds.toArray()));
            Map<UUID, CheckStatus> found = new HashMap<>();
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    CheckStatus status = read(row);
                    found.put(status.monitorId(), status);
                }
            }
            return found;
        });
    }

    private static CheckStatus read(ResultSet row) throws java.sql.SQLException {
        UUID monitorId = row.getObject("monitor_id", UUID.class);
        long days = row.getLong("certificate_days_left");
        Long daysLeft = row.wasNull() ? null : days;
        List<Instant> changes = new ArrayList<>();
        for (Timestamp at : (Timestamp[]) row.getArray("state_changes").getArray()) {
            changes.add(at.toInstant());
        }
        return new CheckStatus(monitorId, row.getTimestamp("checked_at").toInstant(),
                ProbeStatus.valueOf(row.getString("outcome")), row.getLong("latency_ms"), row.getString("reason"),
                daysLeft, row.getInt("consecutive_failures"), row.getInt("consecutive_successes"),
                changes, row.getBoolean("flapping"));
    }

    /** Forgets what the checks found so far: a resumed monitor starts counting afresh. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void forget(UUID monitorId) {
        jdbc.prepareStatement("DELETE FROM monitor_status WHERE monitor_id = ?", ps -> {
            ps.setObject(1, monitorId);
            return ps.executeUpdate();
        });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void save(CheckStatus status) {
        saveAll(List.of(status));
    }

    /** Saves the statuses of distinct monitors with one batch of statements. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void saveAll(Collection<CheckStatus> saved) {
        if (saved.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(SAVE, ps -> {
            for (CheckStatus status : saved) {
                ps.setObject(1, status.monitorId());
                ps.setTimestamp(2, Timestamp.from(status.checkedAt()));
                ps.setString(3, status.outcome().name());
                ps.setLong(4, status.latencyMillis());
                ps.setString(5, status.reason());
                if (status.certificateDaysLeft() == null) {
                    ps.setNull(6, Types.BIGINT);
                } else {
                    ps.setLong(6, status.certificateDaysLeft());
                }
                ps.setInt(7, status.consecutiveFailures());
                ps.setInt(8, status.consecutiveSuccesses());
                ps.setArray(9, ps.getConnection().createArrayOf("timestamptz",
                        status.stateChanges().stream().map(Timestamp::from).toArray()));
                ps.setBoolean(10, status.flapping());
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }
}
