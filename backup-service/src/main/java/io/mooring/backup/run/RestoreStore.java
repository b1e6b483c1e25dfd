package io.mooring.backup.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.mooring.backup.run.RunStore.instant;
import static io.mooring.backup.run.RunStore.setInstant;

/** {@code backup_restore}; callers hold the transaction where it matters. */
@Singleton
class RestoreStore {
    private static final String COLUMNS = """
            id, run_id, policy_id, account_id, purpose, target_name, overwrite, state, reason, progress_bytes,
            started_at, finished_at, owner_instance""";

    private final JdbcOperations jdbc;

    RestoreStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void insert(BackupRestore r) {
        jdbc.prepareStatement("INSERT INTO backup_restore (" + COLUMNS + ", heartbeat_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING', NULL, 0, ?, NULL, ?, ?)", ps -> {
            ps.setObject(1, r.id());
            ps.setObject(2, r.runId());
            ps.setObject(3, r.policyId());
            ps.setString(4, r.accountId());
            ps.setString(5, r.purpose().name().toLowerCase(java.util.Locale.ROOT));
            ps.setString(6, r.targetName());
            ps.setBoolean(7, r.overwrite());
            setInstant(ps, 8, r.startedAt());
            ps.setString(9, r.ownerInstance());
            setInstant(ps, 10, r.startedAt());
            return ps.executeUpdate();
        });
    }

    @Transactional(readOnly = true)
    Optional<BackupRestore> find(UUID id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM backup_restore WHERE id = ?", ps -> {
            ps.setObject(1, id);
            return list(ps).stream().findFirst();
        });
    }

    /** Ends a RUNNING restore; empty if it had ended already. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<BackupRestore> finish(UUID id, BackupRestore.State state, @Nullable String reason, long progressBytes,
                                   Instant at) {
        // a restore shorter than one progress interval has recorded none
        return jdbc.prepareStatement("UPDATE backup_restore SET state = ?, reason = ?, finished_at = ?, "
                + "progress_bytes = GREATEST(progress_bytes, ?) WHERE id = ? AND state = 'RUNNING' RETURNING " + COLUMNS, ps -> {
            ps.setString(1, state.name());
            ps.setString(2, reason);
            setInstant(ps, 3, at);
            ps.setLong(4, progressBytes);
            ps.setObject(5, id);
            return list(ps).stream().findFirst();
        });
    }

    @Transactional
    void heartbeat(Map<UUID, Long> progress, Instant at) {
        jdbc.prepareStatement("UPDATE backup_restore SET heartbeat_at = ?, progress_bytes = ? WHERE id = ? AND state = 'RUNNING'",
                ps -> {
                    for (var entry : progress.entrySet()) {
                        setInstant(ps, 1, at);
                        ps.setLong(2, entry.getValue());
                        ps.setObject(3, entry.getKey());
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    List<BackupRestore> staleForUpdate(Instant before) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM backup_restore WHERE state = 'RUNNING' "
                + "AND heartbeat_at < ? LIMIT 100 FOR UPDATE SKIP LOCKED", ps -> {
            setInstant(ps, 1, before);
            return list(ps);
        });
    }

    /**
     * When the policy's newest verification started, if it has one; one that the service's stop interrupted
     * does not count, so it is done again.
     */
    @Transactional(readOnly = true)
    Optional<Instant> lastVerification(UUID policyId) {
        return jdbc.prepareStatement("SELECT max(started_at) FROM backup_restore WHERE policy_id = ? AND purpose = 'verify'"
                        + " AND (reason IS NULL OR reason NOT LIKE '" + RestoreLedger.INTERRUPTED + "%')",
                ps -> {
                    ps.setObject(1, policyId);
                    try (ResultSet rows = ps.executeQuery()) {
                        rows.next();
                        return Optional.ofNullable(instant(rows, "max"));
                    }
                });
    }

    private static List<BackupRestore> list(PreparedStatement ps) throws SQLException {
        List<BackupRestore> found = new ArrayList<>();
        try (ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                found.add(new BackupRestore(r.getObject("id", UUID.class), r.getObject("run_id", UUID.class),
                        r.getObject("policy_id", UUID.class), r.getString("account_id"),
                        BackupRestore.Purpose.valueOf(r.getString("purpose").toUpperCase(java.util.Locale.ROOT)),
                        r.getString("target_name"), r.getBoolean("overwrite"),
                        BackupRestore.State.valueOf(r.getString("state")), r.getString("reason"),
                        r.getLong("progress_bytes"), instant(r, "started_at"), instant(r, "finished_at"),
                        r.getString("owner_instance")));
            }
        }
        return found;
    }
}
