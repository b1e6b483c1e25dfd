package io.mooring.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PhaseResultTest {

    @Test
    void throughputCountsSuccessesPerSecondOfWallTime() {
        PhaseResult result = new PhaseResult("POST /v1/accounts", 8, 300, Map.of("HTTP 409", 2L, "HttpTimeoutException", 1L),
                Duration.ofMillis(1500), Latencies.Summary.EMPTY);

        assertThat(result.throughput()).hasValueCloseTo(200.0, within(1e-9));
        assertThat(result.failed()).isEqualTo(3);
        assertThat(result.failures().keySet()).containsExactly("HTTP 409", "HttpTimeoutException");
    }

    @Test
    void aLatencyOnlyRowHasNoThroughput() {
        PhaseResult result = new PhaseResult("create -> account.ready on Kafka", 1, 10, Map.of(), null, Latencies.Summary.EMPTY);

        assertThat(result.throughput()).isEmpty();
    }

    @Test
    void rejectsAZeroLengthPhase() {
        assertThatThrownBy(() -> new PhaseResult("x", 1, 0, Map.of(), Duration.ZERO, Latencies.Summary.EMPTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elapsed");
    }

    @Test
    void tablePrintsUnitsAndFailureReasons() {
        Latencies latencies = new Latencies();
        latencies.record(1_500_000);
        PhaseResult result = new PhaseResult("GET /v1/accounts/{id}", 2, 1, Map.of("HTTP 429", 4L), Duration.ofSeconds(2),
                latencies.summary());

        String table = Report.table(java.util.List.of(new Report.Row(result, "reads/s", 7)));

        assertThat(table).contains("0.5 reads/s").contains("1.50 ms").contains("2.0 s")
                .contains("failed: GET /v1/accounts/{id}, 2 clients: HTTP 429 x4");
    }
}
