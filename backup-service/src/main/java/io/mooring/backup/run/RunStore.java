package io.mooring.backup.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.backup.policy.TargetKind;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;

/** {@code backup_run} and {@code backup_artifact}; callers hold the transaction. */
@Singleton
class RunStore {
    private static final String COLUMNS = """
            id, policy_id, account_id, target_kind, target_name, destination, trigger, slot, attempt, state, reason,
            failure, progress_bytes, plaintext_bytes, stored_bytes, started_at, finished_at, owner_instance, heartbeat_at
            """;

    private final JdbcOperations jdbc;

    RunStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the RUNNING run unless its policy has one running already; true if it inserted. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    boolean insertRunning(BackupRun run) {
        return jdbc.prepareStatement("INSERT INTO backup_run (" + COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', NULL, NULL, 0, NULL, NULL, ?, NULL, ?, ?)
                ON CONFLICT (policy_id) WHERE state = 'RUNNING' DO NOTHING
                """, ps -> {
            ps.setObject(1, run.id());
            ps.setObject(2, run.policyId());
            ps.setString(3, run.accountId());
            ps.setString(4, run.kind().wireName());
            ps.setString(5, run.targetName());
            ps.setString(6, run.destination());
            ps.setString(7, run.trigger().wireName());
            setInstant(ps, 8, run.slot());
            ps.setInt(9, run.attempt());
            setInstant(ps, 10, run.startedAt());
            ps.setString(11, run.ownerInstance());
            setInstant(ps, 12, run.heartbeatAt());
            return ps.executeUpdate() == 1;
        });
    }

    @Transactional(readOnly = true)
    Optional<BackupRun> find(UUID id) {
        return one("SELECT " + COLUMNS + " FROM backup_run WHERE id = ?", id);
    }

    /** Locks the run until the transaction ends. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<BackupRun> findForUpdate(UUID id) {
        return one("SELECT " + COLUMNS + " FROM backup_run WHERE id = ? FOR UPDATE", id);
    }

    @Transactional(readOnly = true)
    Optional<BackupRun> running(UUID policyId) {
        return one("SELECT " + COLUMNS + " FROM backup_run WHERE policy_id = ? AND state = 'RUNNING'", policyId);
    }

    @Transactional
    void addArtifact(UUID runId, RunArtifact a) {
        jdbc.prepareStatement("""
                INSERT INTO backup_artifact (run_id, position, target_kind, target_name, object_key, manifest_key,
                    plaintext_bytes, stored_bytes, plaintext_sha256, stored_sha256, started_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, runId);
            ps.setInt(2, a.position());
            ps.setString(3, a.kind().wireName());
            ps.setString(4, a.targetName());
            ps.setString(5, a.key());
            ps.setString(6, a.manifestKey());
            ps.setLong(7, a.plaintextBytes());
            ps.setLong(8, a.storedBytes());
            ps.setString(9, a.plaintextSha256());
            ps.setString(10, a.storedSha256());
            setInstant(ps, 11, a.startedAt());
            setInstant(ps, 12, a.finishedAt());
            return ps.executeUpdate();
        });
    }

    /** Ends a RUNNING run; empty if it was not running (e.g. the sweeper failed it first). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<BackupRun> finish(UUID id, RunState state, @Nullable String reason, @Nullable Failure failure,
                               @Nullable Long plaintextBytes, @Nullable Long storedBytes, @Nullable Long progressBytes,
                               Instant at) {
        // a run shorter than one progress interval has recorded none: its progress ends at all it read or copied
        return jdbc.prepareStatement("UPDATE backup_run SET state = ?, reason = ?, failure = ?, plaintext_bytes = ?, "
                + "stored_bytes = ?, finished_at = ?, progress_bytes = GREATEST(progress_bytes, COALESCE(?, 0)) "
                + "WHERE id = ? AND state = 'RUNNING' RETURNING " + COLUMNS, ps -> {
            ps.setString(1, state.name());
            ps.setString(2, reason);
            ps.setString(3, failure == null ? null : failure.wireName());
            setLong(ps, 4, plaintextBytes);
            setLong(ps, 5, storedBytes);
            setInstant(ps, 6, at);
            setLong(ps, 7, progressBytes);
            ps.setObject(8, id);
            return withArtifacts(list(ps)).stream().findFirst();
        });
    }

    /** Records that this instance's runs are alive, with their progress. */
    @Transactional
    void heartbeat(Map<UUID, Long> progress, Instant at) {
        jdbc.prepareStatement("UPDATE backup_run SET heartbeat_at = ?, progress_bytes = ? WHERE id = ? AND state = 'RUNNING'",
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

    /** RUNNING runs whose heartbeat is older than {@code before}, locked; others sweeping skip them. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    List<BackupRun> staleForUpdate(Instant before) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM backup_run WHERE state = 'RUNNING' AND heartbeat_at < ? "
                + "ORDER BY heartbeat_at LIMIT 100 FOR UPDATE SKIP LOCKED", ps -> {
            setInstant(ps, 1, before);
            return withArtifacts(list(ps));
        });
    }

    /** What happened to one schedule slot of a policy. */
    record SlotHistory(int attempts, boolean succeeded, boolean running) {
    }

    @Transactional(readOnly = true)
    SlotHistory slot(UUID policyId, Instant slot) {
        return jdbc.prepareStatement("""
                SELECT count(*), bool_or(state IN ('SUCCEEDED', 'PRUNED')), bool_or(state = 'RUNNING')
                FROM backup_run WHERE policy_id = ? AND slot = ?
                """, ps -> {
            ps.setObject(1, policyId);
            setInstant(ps, 2, slot);
            try (ResultSet rows = ps.executeQuery()) {
                rows.next();
                return new SlotHistory(rows.getInt(1), rows.getBoolean(2), rows.getBoolean(3));
            }
        });
    }

    /** The latest schedule slot the policy ran for, if any. */
    @Transactional(readOnly = true)
    Optional<Instant> lastSlot(UUID policyId) {
        return jdbc.prepareStatement("SELECT max(slot) FROM backup_run WHERE policy_id = ?", ps -> {
            ps.setObject(1, policyId);
            try (ResultSet rows = ps.executeQuery()) {
                rows.next();
                return Optional.ofNullable(instant(rows, "max"));
            }
        });
    }

    /** The latest slot with a successful run (pruned since or not), per policy that has one. */
    @Transactional(readOnly = true)
    Map<UUID, Instant> lastSucceededSlots() {
        return jdbc.prepareStatement("""
                SELECT policy_id, max(slot) AS slot FROM backup_run
                WHERE state IN ('SUCCEEDED', 'PRUNED') AND slot IS NOT NULL GROUP BY policy_id
                """, ps -> {
            Map<UUID, Instant> slots = new HashMap<>();
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    slots.put(rows.getObject("policy_id", UUID.class), instant(rows, "slot"));
                }
            }
            return slots;
        });
    }

    /** The policy's SUCCEEDED runs with their artifacts, oldest first. */
    @Transactional(readOnly = true)
    List<BackupRun> succeeded(UUID policyId) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM backup_run WHERE policy_id = ? AND state = 'SUCCEEDED' "
                + "ORDER BY started_at, id", ps -> {
            ps.setObject(1, policyId);
            return withArtifacts(list(ps));
        });
    }

    /** Runs of the policy that a RUNNING restore or verification reads. */
    @Transactional(readOnly = true)
    Set<UUID> beingRead(UUID policyId) {
        return jdbc.prepareStatement("SELECT DISTINCT run_id FROM backup_restore WHERE policy_id = ? AND state = 'RUNNING'",
                ps -> {
                    ps.setObject(1, policyId);
                    Set<UUID> ids = new HashSet<>();
                    try (ResultSet rows = ps.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getObject(1, UUID.class));
                        }
                    }
                    return ids;
                });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    boolean markPruned(UUID id, Instant at) {
        return jdbc.prepareStatement("UPDATE backup_run SET state = 'PRUNED', pruned_at = ? WHERE id = ? AND state = 'SUCCEEDED'",
                ps -> {
                    setInstant(ps, 1, at);
                    ps.setObject(2, id);
                    return ps.executeUpdate() == 1;
                });
    }

    /** Filters of the run list; null means any. */
    record Filter(@Nullable UUID policyId, @Nullable String accountId, @Nullable RunState state) {
    }

    /** At most {@code limit} runs with an id after {@code after}, in id (start) order. */
    @Transactional(readOnly = true)
    List<BackupRun> page(Filter filter, @Nullable UUID after, int limit) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + """
                 FROM backup_run
                WHERE (?::uuid IS NULL OR policy_id = ?::uuid) AND (?::text IS NULL OR account_id = ?::text)
                  AND (?::text IS NULL OR state = ?::text) AND (?::uuid IS NULL OR id > ?::uuid)
                ORDER BY id LIMIT ?
                """, ps -> {
            ps.setObject(1, filter.policyId());
            ps.setObject(2, filter.policyId());
            ps.setString(3, filter.accountId());
            ps.setString(4, filter.accountId());
            String state = filter.state() == null ? null : filter.state().name();
            ps.setString(5, state);
            ps.setString(6, state);
            ps.setObject(7, after);
            ps.setObject(8, after);
            ps.setInt(9, limit);
            return withArtifacts(list(ps));
        });
    }

    private Optional<BackupRun> one(String sql, UUID id) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, id);
            return withArtifacts(list(ps)).stream().findFirst();
        });
    }

    private List<BackupRun> withArtifacts(List<BackupRun> runs) {
        if (runs.isEmpty()) {
            return runs;
        }
        return jdbc.prepareStatement("""
                SELECT run_id, position, target_kind, target_name, object_key, manifest_key, plaintext_bytes, stored_bytes,
                       plaintext_sha256, stored_sha256, started_at, finished_at
                FROM backup_artifact WHERE run_id = ANY (?) ORDER BY run_id, position
                """, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", runs.stream().map(BackupRun::id).toArray()));
            Map<UUID, List<RunArtifact>> byRun = new java.util.HashMap<>();
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    byRun.computeIfAbsent(r.getObject(1, UUID.class), k -> new ArrayList<>()).add(new RunArtifact(
                            r.getInt(2), TargetKind.fromWire(r.getString(3)), r.getString(4), r.getString(5),
                            r.getString(6), r.getLong(7), r.getLong(8), r.getString(9), r.getString(10),
                            r.getTimestamp(11).toInstant(), r.getTimestamp(12).toInstant()));
                }
            }
            return runs.stream().map(run -> run.withArtifacts(byRun.getOrDefault(run.id(), List.of()))).toList();
        });
    }

    private static List<BackupRun> list(PreparedStatement ps) throws SQLException {
        List<BackupRun> runs = new ArrayList<>();
        try (ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                String failure = r.getString("failure");
                runs.add(new BackupRun(r.getObject("id", UUID.class), r.getObject("policy_id", UUID.class),
                        r.getString("account_id"), TargetKind.fromWire(r.getString("target_kind")),
                        r.getString("target_name"), r.getString("destination"), Trigger.fromWire(r.getString("trigger")),
                        instant(r, "slot"), r.getInt("attempt"), RunState.valueOf(r.getString("state")),
                        r.getString("reason"), failure == null ? null : Failure.fromWire(failure),
                        r.getLong("progress_bytes"), nullableLong(r, "plaintext_bytes"), nullableLong(r, "stored_bytes"),
                        instant(r, "started_at"), instant(r, "finished_at"), r.getString("owner_instance"),
                        instant(r, "heartbeat_at"), List.of()));
            }
        }
        return runs;
    }

    static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    static void setInstant(PreparedStatement ps, int index, @Nullable Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(index, Timestamp.from(value));
        }
    }

    private static void setLong(PreparedStatement ps, int index, @Nullable Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
