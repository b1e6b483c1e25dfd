package io.mooring.monitor.rollup;

import io.mooring.monitor.probe.ProbeStatus;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramsTest {
    private static final UUID MONITOR = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-11-30T10:17:42Z");

    @Test
    void percentilesOfMergedStoredHistogramsAreThoseOfAllTheLatencies() {
        Histogram low = LatencyHistograms.empty();
        Histogram high = LatencyHistograms.empty();
        for (long ms = 1; ms <= 100; ms++) {
            LatencyHistograms.record(ms <= 50 ? low : high, ms);
        }

        Histogram merged = LatencyHistograms.empty();
        LatencyHistograms.addEncoded(merged, LatencyHistograms.encode(low));
        LatencyHistograms.addEncoded(merged, LatencyHistograms.encode(high));

        assertThat(LatencySummary.of(merged)).isEqualTo(new LatencySummary(50, 95, 99, 100));
        // the mean of the two halves' p95 (47.5) is not the p95 of the whole
        assertThat(LatencySummary.of(low).p95()).isEqualTo(48);
        assertThat(LatencySummary.of(high).p95()).isEqualTo(98);
    }

    @Test
    void keepsLargeLatenciesWithinOnePercentThroughItsCompressedForm() {
        Histogram histogram = LatencyHistograms.empty();
        long[] latencies = new long[10_000];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = 1 + (i * 37L) % 60_000;
            LatencyHistograms.record(histogram, latencies[i]);
        }
        Arrays.sort(latencies);
        long trueP99 = latencies[9_899];

        byte[] encoded = LatencyHistograms.encode(histogram);
        Histogram decoded = LatencyHistograms.empty();
        LatencyHistograms.addEncoded(decoded, encoded);

        assertThat(decoded.getTotalCount()).isEqualTo(10_000);
        assertThat(decoded.getValueAtPercentile(99)).isEqualTo(histogram.getValueAtPercentile(99));
        assertThat((double) decoded.getValueAtPercentile(99)).isCloseTo(trueP99, within(trueP99 / 100.0));
        assertThat(encoded.length).as("compressed bytes").isLessThan(LatencyHistograms.empty().getNeededByteBufferCapacity() / 4);
    }

    @Test
    void countsNegativeLatenciesAsZeroAndLongerThanAnHourAsAnHour() {
        Histogram histogram = LatencyHistograms.empty();
        LatencyHistograms.record(histogram, -5);
        LatencyHistograms.record(histogram, Duration.ofHours(3).toMillis());

        assertThat(histogram.getMinValue()).isZero();
        assertThat((double) histogram.getMaxValue()).isCloseTo(3_600_000, within(36_000.0));
    }

    @Test
    void refusesStoredBytesThatAreNoHistogram() {
        assertThatThrownBy(() -> LatencyHistograms.addEncoded(LatencyHistograms.empty(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void bucketKeepsOnlyLatenciesOfChecksThatAnswered() {
        RollupBucket bucket = new RollupBucket(MONITOR, RollupLevel.HOUR.bucketOf(AT));
        bucket.add(new CountedCheck(MONITOR, AT, ProbeStatus.UP, 20L));
        bucket.add(new CountedCheck(MONITOR, AT, ProbeStatus.DEGRADED, 900L));
        bucket.add(new CountedCheck(MONITOR, AT, ProbeStatus.DOWN, 10_000L));

        assertThat(bucket.checks).isEqualTo(3);
        assertThat(new int[] {bucket.passed, bucket.degraded, bucket.failed}).containsExactly(1, 1, 1);
        assertThat(bucket.latencyTotalMillis).isEqualTo(10_920);
        assertThat(bucket.latencyMaxMillis).isEqualTo(10_000);
        assertThat(bucket.latencies.getTotalCount()).isEqualTo(2);
        assertThat((double) bucket.latencies.getMaxValue()).isCloseTo(900, within(9.0));
    }

    @Test
    void checksWithoutLatencyLeaveNoHistogram() {
        RollupBucket bucket = new RollupBucket(MONITOR, RollupLevel.DAY.bucketOf(AT));
        bucket.add(new CountedCheck(MONITOR, AT, ProbeStatus.UP, null));

        assertThat(bucket.checks).isEqualTo(1);
        assertThat(bucket.latencies).isNull();
    }

    @Test
    void bucketsAndWindowsAlignOnTheEpochInUtc() {
        assertThat(RollupLevel.FIVE_MINUTES.bucketOf(AT)).isEqualTo(Instant.parse("2026-11-30T10:15:00Z"));
        assertThat(RollupLevel.HOUR.bucketOf(AT)).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(RollupLevel.DAY.bucketOf(AT)).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));

        // 288 five-minute buckets, the current one included
        assertThat(RollupLevel.FIVE_MINUTES.windowStart(AT, Duration.ofHours(24)))
                .isEqualTo(Instant.parse("2026-11-29T10:20:00Z"));
        assertThat(RollupLevel.DAY.firstKept(AT)).isEqualTo(Instant.parse("2025-12-01T00:00:00Z"));
        assertThat(RollupLevel.HOUR.firstKept(AT)).isEqualTo(Instant.parse("2026-10-31T11:00:00Z"));
    }
}
