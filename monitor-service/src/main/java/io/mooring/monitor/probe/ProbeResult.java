package io.mooring.monitor.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one check. A target that is down, refuses, times out or fails TLS is a result with
 * a reason, never an exception.
 *
 * @param certificateDaysLeft whole days until the certificate expires (negative once expired), or null
 *                            when the check saw no certificate
 */
public record ProbeResult(ProbeStatus status, Duration latency, String reason, Long certificateDaysLeft) {

    public ProbeResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(latency, "latency");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a result needs a reason");
        }
    }

    public static ProbeResult up(Duration latency, String reason) {
        return new ProbeResult(ProbeStatus.UP, latency, reason, null);
    }

    public static ProbeResult down(Duration latency, String reason) {
        return new ProbeResult(ProbeStatus.DOWN, latency, reason, null);
    }

    public ProbeResult degradedIfSlowerThan(Duration threshold) {
        if (status == ProbeStatus.UP && threshold != null && latency.compareTo(threshold) > 0) {
            return new ProbeResult(ProbeStatus.DEGRADED, latency,
                    reason + "; slower than " + threshold.toMillis() + " ms", certificateDaysLeft);
        }
        return this;
    }

    public boolean isUp() {
        return status != ProbeStatus.DOWN;
    }
}
