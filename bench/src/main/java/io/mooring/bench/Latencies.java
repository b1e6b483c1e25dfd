package io.mooring.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Latencies of one phase in an HdrHistogram: microsecond resolution, three significant digits (a
 * reported percentile is within 0.1 % of the exact one), up to ten minutes. Not thread-safe: each
 * client records into its own and the phase adds them up.
 */
final class Latencies {
    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Histogram histogram = new Histogram(MAX_MICROS, 3);

    /** Records one latency; below a microsecond counts as one, above ten minutes as ten minutes. */
    void record(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a latency cannot be negative: " + nanos + " ns");
        }
        histogram.recordValue(Math.clamp(TimeUnit.NANOSECONDS.toMicros(nanos), 1, MAX_MICROS));
    }

    void add(Latencies other) {
        histogram.add(other.histogram);
    }

    long count() {
        return histogram.getTotalCount();
    }

    Summary summary() {
        if (count() == 0) {
            return Summary.EMPTY;
        }
        return new Summary(count(), micros(histogram.getValueAtPercentile(50)), micros(histogram.getValueAtPercentile(99)),
                micros(histogram.getMaxValue()));
    }

    private static Duration micros(long value) {
        return Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(value));
    }

    /** Count and percentiles; the durations are null when nothing was recorded. */
    record Summary(long count, Duration p50, Duration p99, Duration max) {
        static final Summary EMPTY = new Summary(0, null, null, null);

        Summary {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
            if ((count == 0) != (p50 == null) || (p50 == null) != (p99 == null) || (p99 == null) != (max == null)) {
                throw new IllegalArgumentException("percentiles exist exactly when something was recorded");
            }
            if (count > 0 && (p50.compareTo(p99) > 0 || p99.compareTo(max) > 0)) {
                throw new IllegalArgumentException("p50 <= p99 <= max must hold: " + p50 + ", " + p99 + ", " + max);
            }
        }
    }
}
