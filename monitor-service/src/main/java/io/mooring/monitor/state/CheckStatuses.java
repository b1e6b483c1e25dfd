package io.mooring.monitor.state;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.monitor.probe.ProbeStatus;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Optional;
import java.util.UUID;

/** The {@code monitor_status} rows: one per probed monitor, replaced by each check. */
@Singleton
public class CheckStatuses {
    private final JdbcOperations jdbc;

    public CheckStatuses(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Optional<CheckStatus> find(UUID monitorId) {
        return jdbc.prepareStatement("SELECT * FROM monitor_status WHERE monitor_id = ?", ps -> {
            ps.setObject(1, monitorId);
            try (ResultSet row = ps.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long days = row.getLong("certificate_days_left");
                return Optional.of(new CheckStatus(monitorId, row.getTimestamp("checked_at").toInstant(),
                        ProbeStatus.valueOf(row.getString("outcome")), row.getLong("latency_ms"), row.getString("reason"),
                        row.wasNull() ? null : days, row.getInt("consecutive_failures"), row.getInt("consecutive_successes")));
            }
        });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void save(CheckStatus status) {
        jdbc.prepareStatement("""
                INSERT INTO monitor_status (monitor_id, checked_at, outcome, latency_ms, reason, certificate_days_left,
                                            consecutive_failures, consecutive_successes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (monitor_id) DO UPDATE SET checked_at = EXCLUDED.checked_at, outcome = EXCLUDED.outcome,
                    latency_ms = EXCLUDED.latency_ms, reason = EXCLUDED.reason,
                    certificate_days_left = EXCLUDED.certificate_days_left,
                    consecutive_failures = EXCLUDED.consecutive_failures,
                    consecutive_successes = EXCLUDED.consecutive_successes""", ps -> {
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
            return ps.executeUpdate();
        });
    }
}
