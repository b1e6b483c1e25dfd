package io.mooring.monitor.rollup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.HdrHistogram.Histogram;

/** Latency percentiles and maximum in milliseconds, read from a merged histogram (each within 1 %). */
@Serdeable
public record LatencySummary(long p50, long p95, long p99, long max) {

    /** The summary of {@code histogram}, or null when it holds no latency. */
    @Nullable
    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return null;
        }
        return new LatencySummary(histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(95),
                histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }
}
