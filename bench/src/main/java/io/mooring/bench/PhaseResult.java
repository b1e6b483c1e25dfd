package io.mooring.bench;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What one measured phase gave.
 *
 * @param operation what was measured, as printed
 * @param clients   concurrent clients
 * @param succeeded answers (or events) that count
 * @param failures  failed requests by reason (e.g. {@code HTTP 409}, {@code HttpTimeoutException})
 * @param elapsed   wall time of a load phase; null for a row that only measures latency
 * @param latency   latencies of the successful requests
 */
record PhaseResult(String operation, int clients, long succeeded, Map<String, Long> failures, Duration elapsed,
                   Latencies.Summary latency) {

    PhaseResult {
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("operation must not be blank");
        }
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1: " + clients);
        }
        if (succeeded < 0) {
            throw new IllegalArgumentException("succeeded must not be negative: " + succeeded);
        }
        if (elapsed != null && (elapsed.isNegative() || elapsed.isZero())) {
            throw new IllegalArgumentException("elapsed must be positive: " + elapsed);
        }
        failures = Collections.unmodifiableMap(new TreeMap<>(failures));
    }

    long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Successful operations per second of wall time; empty for a latency-only row. */
    OptionalDouble throughput() {
        if (elapsed == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(succeeded * 1e9 / elapsed.toNanos());
    }
}
