package io.mooring.monitor.state;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.monitor.probe.ProbeStatus;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
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
    /** Upserts statuses from arrays, one element per monitor (state changes as array literals, cast per row). */
    private static final String SAVE = """
            INSERT INTO monitor_status (monitor_id, checked_at, outcome, latency_ms, reason, certificate_days_left,
                                        consecutive_failures, consecutive_successes, state_changes, flapping)
            SELECT k.monitor_id, k.checked_at, k.outcome, k.latency_ms, k.reason, k.certificate_days_left,
                   k.consecutive_failures, k.consecutive_successes, k.state_changes::timestamptz[], k.flapping
            FROM unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::int[], ?::int[],
                        ?::text[], ?::boolean[])
              AS k(monitor_id, checked_at, outcome, latency_ms, reason, certificate_days_left, consecutive_failures,
                   consecutive_successes, state_changes, flapping)
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

    /** Saves the statuses of distinct monitors with one statement. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void saveAll(Collection<CheckStatus> saved) {
        if (saved.isEmpty()) {
            return;
        }
        int n = saved.size();
        Object[] monitors = new Object[n];
        Object[] checkedAt = new Object[n];
        Object[] outcomes = new Object[n];
        Object[] latencies = new Object[n];
        Object[] reasons = new Object[n];
        Object[] daysLeft = new Object[n];
        Object[] failures = new Object[n];
        Object[] successes = new Object[n];
        Object[] changes = new Object[n];
        Object[] flapping = new Object[n];
        int i = 0;
        for (CheckStatus status : saved) {
            monitors[i] = status.monitorId();
            checkedAt[i] = Timestamp.from(status.checkedAt());
            outcomes[i] = status.outcome().name();
            latencies[i] = status.latencyMillis();
            reasons[i] = status.reason();
            daysLeft[i] = status.certificateDaysLeft();
            failures[i] = status.consecutiveFailures();
            successes[i] = status.consecutiveSuccesses();
            changes[i] = status.stateChanges().stream().map(at -> at.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString())
                    .collect(java.util.stream.Collectors.joining(",", "{", "}"));
            flapping[i] = status.flapping();
            i++;
        }
        jdbc.prepareStatement(SAVE, ps -> {
            java.sql.Connection connection = ps.getConnection();
            ps.setArray(1, connection.createArrayOf("uuid", monitors));
            ps.setArray(2, connection.createArrayOf("timestamptz", checkedAt));
            ps.setArray(3, connection.createArrayOf("text", outcomes));
            ps.setArray(4, connection.createArrayOf("bigint", latencies));
            ps.setArray(5, connection.createArrayOf("text", reasons));
            ps.setArray(6, connection.createArrayOf("bigint", daysLeft));
            ps.setArray(7, connection.createArrayOf("int4", failures));
            ps.setArray(8, connection.createArrayOf("int4", successes));
            ps.setArray(9, connection.createArrayOf("text", changes));
            ps.setArray(10, connection.createArrayOf("bool", flapping));
            return ps.executeUpdate();
        });
    }
}
