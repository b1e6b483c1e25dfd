package io.mooring.monitor.rollup;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactionMarkTest {
    private static final Instant UNTIL = Instant.parse("2026-06-15T12:00:00Z");
    private static final Instant COMPACTING = Instant.parse("2026-06-15T12:10:00Z");
    private static final UUID LOW = UUID.fromString("10000000-0000-0000-0000-000000000000");
    private static final UUID THROUGH = UUID.fromString("70000000-0000-0000-0000-000000000000");
    /** Above {@link #THROUGH} for Postgres, below it for {@link UUID#compareTo} (its first half is negative). */
    private static final UUID HIGH = UUID.fromString("f0000000-0000-0000-0000-000000000000");

    @Test
    void withNoRangeUnderWayEveryMonitorIsFoldedUntilTheMark() {
        CompactionMark mark = new CompactionMark(UNTIL, null, null);

        assertThat(mark.foldedUntil(LOW)).isEqualTo(UNTIL);
        assertThat(mark.foldedUntil(HIGH)).isEqualTo(UNTIL);
        assertThat(mark.folded(LOW, UNTIL.minusMillis(1))).isTrue();
        assertThat(mark.folded(LOW, UNTIL)).isFalse();
    }

    @Test
    void aCheckCountsAsFoldedByTheStartOfItsFiveMinuteBucket() {
        CompactionMark mark = new CompactionMark(UNTIL, null, null);

        assertThat(mark.folded(LOW, UNTIL.plusSeconds(299))).isFalse();
        assertThat(mark.folded(LOW, UNTIL.minusSeconds(300))).isTrue();
    }

    @Test
    void monitorsUpToTheOneCompactedThroughAreFoldedUntilTheRangesEnd() {
        CompactionMark mark = new CompactionMark(UNTIL, COMPACTING, THROUGH);

        assertThat(mark.foldedUntil(LOW)).isEqualTo(COMPACTING);
        assertThat(mark.foldedUntil(THROUGH)).isEqualTo(COMPACTING);
        assertThat(mark.foldedUntil(HIGH)).isEqualTo(UNTIL);
        assertThat(mark.folded(THROUGH, COMPACTING.minusSeconds(1))).isTrue();
        assertThat(mark.folded(HIGH, COMPACTING.minusSeconds(1))).isFalse();
    }

    @Test
    void aRangeStartedWithNoSliceDoneFoldsNobodyFurther() {
        CompactionMark mark = new CompactionMark(UNTIL, COMPACTING, null);

        assertThat(mark.foldedUntil(LOW)).isEqualTo(UNTIL);
        assertThat(mark.foldedThrough(THROUGH)).isEqualTo(new CompactionMark(UNTIL, COMPACTING, THROUGH));
        assertThat(mark.foldedThrough(null)).isEqualTo(new CompactionMark(COMPACTING, null, null));
    }

    @Test
    void refusesInconsistentMarks() {
        assertThatThrownBy(() -> new CompactionMark(UNTIL, null, THROUGH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CompactionMark(UNTIL, UNTIL, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CompactionMark(UNTIL, null, null).foldedThrough(LOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ordersUuidsByTheirBytesAsPostgresDoes() {
        assertThat(HIGH.compareTo(THROUGH)).as("UUID.compareTo").isNegative();
        assertThat(CompactionMark.compareAsPostgres(HIGH, THROUGH)).isPositive();
        assertThat(CompactionMark.compareAsPostgres(THROUGH, THROUGH)).isZero();

        UUID lowHalfHigh = UUID.fromString("70000000-0000-0000-8000-000000000000");
        UUID lowHalfLow = UUID.fromString("70000000-0000-0000-7fff-ffffffffffff");
        assertThat(CompactionMark.compareAsPostgres(lowHalfHigh, lowHalfLow)).isPositive();

        List<UUID> sorted = new ArrayList<>(List.of(HIGH, lowHalfHigh, LOW, lowHalfLow, THROUGH));
        sorted.sort(CompactionMark::compareAsPostgres);
        assertThat(sorted).containsExactly(LOW, THROUGH, lowHalfLow, lowHalfHigh, HIGH);
    }
}
