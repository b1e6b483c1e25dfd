package io.mooring.monitor.rollup;

import io.micronaut.core.annotation.Nullable;
import io.mooring.monitor.probe.ProbeStatus;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.UUID;

/** The checks of one monitor in one bucket of a level, as they are summed up before they are written. */
final class RollupBucket {
    final UUID monitorId;
    final Instant start;
    int checks;
    int passed;
    int degraded;
    int failed;
    long latencyTotalMillis;
    long latencyMaxMillis;
    /** Latencies of the checks that answered; null while none did. */
    @Nullable
    Histogram latencies;

    RollupBucket(UUID monitorId, Instant start) {
        this.monitorId = monitorId;
        this.start = start;
    }

    void add(CountedCheck check) {
        checks++;
        switch (check.outcome()) {
            case UP -> passed++;
            case DEGRADED -> degraded++;
            case DOWN -> failed++;
        }
        long latency = check.latencyMillis() == null ? 0 : Math.max(0, check.latencyMillis());
        latencyTotalMillis += latency;
        latencyMaxMillis = Math.max(latencyMaxMillis, latency);
        if (check.hasAnsweringLatency()) {
            if (latencies == null) {
                latencies = LatencyHistograms.empty();
            }
            LatencyHistograms.record(latencies, latency);
        }
    }

    /** Adds a finer bucket's sums (a 5-minute bucket folded into its hour or day); {@code bucketLatencies} null without any. */
    void add(RollupBucket finer, @Nullable Histogram bucketLatencies) {
        checks += finer.checks;
        passed += finer.passed;
        degraded += finer.degraded;
        failed += finer.failed;
        latencyTotalMillis += finer.latencyTotalMillis;
        latencyMaxMillis = Math.max(latencyMaxMillis, finer.latencyMaxMillis);
        if (bucketLatencies != null) {
            if (latencies == null) {
                latencies = LatencyHistograms.empty();
            }
            latencies.add(bucketLatencies);
        }
    }

    /** The monitor and bucket as one key. */
    Key key() {
        return new Key(monitorId, start);
    }

    record Key(UUID monitorId, Instant start) {
    }
}
