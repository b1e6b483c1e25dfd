package io.mooring.monitor.monitor;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Who paused a monitor and until when ({@code monitor.paused_by}, {@code monitor.paused_until}), in the caller's transaction. */
@Singleton
class MonitorPauses {
    private final JdbcOperations jdbc;

    MonitorPauses(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** After the monitor became PAUSED. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void mark(UUID id, Pausing pausing) {
        jdbc.prepareStatement("UPDATE monitor SET paused_by = ?, paused_until = ? WHERE id = ?", ps -> {
            ps.setString(1, pausing.by().column());
            ps.setObject(2, pausing.until() == null ? null : pausing.until().atOffset(ZoneOffset.UTC));
            ps.setObject(3, id);
            return ps.executeUpdate();
        });
    }

    /** Before the monitor leaves PAUSED. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void clear(UUID id) {
        jdbc.prepareStatement("UPDATE monitor SET paused_by = NULL, paused_until = NULL WHERE id = ?", ps -> {
            ps.setObject(1, id);
            return ps.executeUpdate();
        });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<String> pausedBy(UUID id) {
        return jdbc.prepareStatement("SELECT paused_by FROM monitor WHERE id = ?", ps -> {
            ps.setObject(1, id);
            try (ResultSet row = ps.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        });
    }

    /** Up to {@code max} paused monitors whose pause ended at {@code now}, locked (skipping those locked elsewhere). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    List<UUID> ended(Instant now, int max) {
        return jdbc.prepareStatement("""
                SELECT id FROM monitor WHERE paused_until <= ? AND state = 'PAUSED'
                ORDER BY paused_until LIMIT ? FOR UPDATE SKIP LOCKED""", ps -> {
            ps.setObject(1, now.atOffset(ZoneOffset.UTC));
            ps.setInt(2, max);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        });
    }
}
