package io.mooring.monitor.rollup;

import io.micronaut.core.annotation.Nullable;
import io.mooring.monitor.probe.ProbeStatus;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One check to count in the roll-ups. {@code latencyMillis} is null for checks that measure none (heartbeats); it
 * enters the latency histograms only when the check answered (passed or degraded): a failed check's time is mostly
 * its timeout or a refusal, not how fast the target answers.
 */
public record CountedCheck(UUID monitorId, Instant at, ProbeStatus outcome, @Nullable Long latencyMillis) {

    public CountedCheck {
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
    }

    boolean hasAnsweringLatency() {
        return latencyMillis != null && outcome != ProbeStatus.DOWN;
    }
}
