package io.mooring.monitor.rollup;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * How far the 5-minute buckets are folded into the hourly and daily ones (the row of
 * {@code monitor_uptime_compaction}): every monitor's buckets before {@code compactedUntil}; while a range is under way
 * ({@code compactingUntil} set), the buckets of the monitors up to {@code compactedThrough} (in Postgres's uuid order;
 * null: none yet) before {@code compactingUntil} as well. All three instants are starts of 5-minute buckets.
 */
record CompactionMark(Instant compactedUntil, @Nullable Instant compactingUntil, @Nullable UUID compactedThrough) {

    CompactionMark {
        Objects.requireNonNull(compactedUntil, "compactedUntil");
        if (compactingUntil == null && compactedThrough != null) {
            throw new IllegalArgumentException("a monitor is compacted through, but no range is under way");
        }
        if (compactingUntil != null && !compactingUntil.isAfter(compactedUntil)) {
            throw new IllegalArgumentException("the range under way must end after " + compactedUntil + ", was "
                    + compactingUntil);
        }
    }

    /** The first of the monitor's 5-minute buckets not folded yet: the hourly and daily buckets hold the ones before. */
    Instant foldedUntil(UUID monitorId) {
        return compactingUntil != null && compactedThrough != null && compareAsPostgres(monitorId, compactedThrough) <= 0
                ? compactingUntil : compactedUntil;
    }

    /** Whether the 5-minute bucket of {@code at} is folded already, so a check there counts at the coarser levels directly. */
    boolean folded(UUID monitorId, Instant at) {
        return RollupLevel.FIVE_MINUTES.bucketOf(at).isBefore(foldedUntil(monitorId));
    }

    /** The mark once the monitors up to {@code through} (null: all the rest) are folded in the range under way. */
    CompactionMark foldedThrough(@Nullable UUID through) {
        if (compactingUntil == null) {
            throw new IllegalStateException("no range is under way");
        }
        return through == null ? new CompactionMark(compactingUntil, null, null)
                : new CompactionMark(compactedUntil, compactingUntil, through);
    }

    /**
     * Orders uuids as Postgres does (their 16 bytes unsigned, one after another), which {@link UUID#compareTo} does
     * not: it compares the halves as signed numbers.
     */
    static int compareAsPostgres(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
