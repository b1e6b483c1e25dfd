package io.mooring.monitor.state;

import io.micronaut.core.annotation.Nullable;
import io.mooring.monitor.probe.ProbeResult;
import io.mooring.monitor.probe.ProbeStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the last check of a monitor found, how many checks in a row failed or passed, and the
 * monitor's latest state changes (oldest first), which tell whether it is flapping.
 *
 * @param certificateDaysLeft null when the check saw no certificate
 */
public record CheckStatus(UUID monitorId, Instant checkedAt, ProbeStatus outcome, long latencyMillis, String reason,
                          @Nullable Long certificateDaysLeft, int consecutiveFailures, int consecutiveSuccesses,
                          List<Instant> stateChanges, boolean flapping) {

    public CheckStatus {
        stateChanges = List.copyOf(stateChanges);
    }

    /** The status after {@code result}, counting on from {@code previous} (null before the first check). */
    public static CheckStatus after(@Nullable CheckStatus previous, UUID monitorId, ProbeResult result, Instant at) {
        int failures = previous == null ? 0 : previous.consecutiveFailures();
        int successes = previous == null ? 0 : previous.consecutiveSuccesses();
        boolean up = result.isUp();
        return new CheckStatus(monitorId, at, result.status(), result.latency().toMillis(), result.reason(),
                result.certificateDaysLeft(), up ? 0 : saturated(failures), up ? saturated(successes) : 0,
                previous == null ? List.of() : previous.stateChanges(), previous != null && previous.flapping());
    }

    CheckStatus withChanges(List<Instant> changes, boolean isFlapping) {
        return new CheckStatus(monitorId, checkedAt, outcome, latencyMillis, reason, certificateDaysLeft,
                consecutiveFailures, consecutiveSuccesses, changes, isFlapping);
    }

    private static int saturated(int count) {
        return count == Integer.MAX_VALUE ? count : count + 1;
    }
}
