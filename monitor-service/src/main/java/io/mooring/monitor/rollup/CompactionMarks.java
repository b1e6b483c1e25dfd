package io.mooring.monitor.rollup;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

/**
 * The one row of {@code monitor_uptime_compaction}, read and written in the caller's transaction. Whoever counts checks reads it
 * {@link #share() FOR SHARE} and the compactor {@link #lockForUpdate() FOR UPDATE}, so a check is counted either
 * before a fold (in the 5-minute bucket it then folds) or after it (at every level, when its bucket is folded).
 */
@Singleton
class CompactionMarks {
    private static final String COLUMNS = """
            SELECT extract(epoch FROM compacted_until)::bigint AS compacted_until,
                   extract(epoch FROM compacting_until)::bigint AS compacting_until, compacted_through
            FROM monitor_uptime_compaction""";

    private final JdbcOperations jdbc;

    CompactionMarks(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The mark, held against the compactor until the transaction ends. */
    CompactionMark share() {
        return read(COLUMNS + " FOR SHARE");
    }

    /** The mark, held against writers and other compactors until the transaction ends. */
    CompactionMark lockForUpdate() {
        return read(COLUMNS + " FOR UPDATE");
    }

    /** The mark as the transaction's snapshot sees it, for readers. */
    CompactionMark current() {
        return read(COLUMNS);
    }

    /** Stores the mark (locked by {@link #lockForUpdate()} in the same transaction). */
    void save(CompactionMark mark) {
        jdbc.prepareStatement("""
                UPDATE monitor_uptime_compaction SET compacted_until = to_timestamp(?),
                    compacting_until = to_timestamp(?::bigint), compacted_through = ?""",
                ps -> {
                    ps.setLong(1, mark.compactedUntil().getEpochSecond());
                    ps.setObject(2, mark.compactingUntil() == null ? null : mark.compactingUntil().getEpochSecond(),
                            Types.BIGINT);
                    ps.setObject(3, mark.compactedThrough(), Types.OTHER);
                    return ps.executeUpdate();
                });
    }

    private CompactionMark read(String sql) {
        return jdbc.prepareStatement(sql, ps -> {
            try (ResultSet row = ps.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("monitor_uptime_compaction has no row");
                }
                long compacting = row.getLong("compacting_until");
                Instant compactingUntil = row.wasNull() ? null : Instant.ofEpochSecond(compacting);
                return new CompactionMark(Instant.ofEpochSecond(row.getLong("compacted_until")), compactingUntil,
                        row.getObject("compacted_through", UUID.class));
            }
        });
    }
}
