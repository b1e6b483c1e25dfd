package io.mooring.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LatenciesTest {

    @Test
    void percentilesOfOneToThousandMillisecondsAreWithinAThousandth() {
        Latencies latencies = new Latencies();
        for (int ms = 1000; ms >= 1; ms--) {
            latencies.record(TimeUnit.MILLISECONDS.toNanos(ms));
        }

        Latencies.Summary summary = latencies.summary();

        assertThat(summary.count()).isEqualTo(1000);
        assertThat(millis(summary.p50())).isCloseTo(500, within(0.5));
        assertThat(millis(summary.p99())).isCloseTo(990, within(1.0));
        assertThat(millis(summary.max())).isCloseTo(1000, within(1.0));
    }

    @Test
    void addingHistogramsGivesThePercentilesOfAllValues() {
        Latencies fast = new Latencies();
        Latencies slow = new Latencies();
        for (int i = 0; i < 99; i++) {
            fast.record(TimeUnit.MILLISECONDS.toNanos(2));
        }
        slow.record(TimeUnit.SECONDS.toNanos(3));

        fast.add(slow);

        Latencies.Summary summary = fast.summary();
        assertThat(summary.count()).isEqualTo(100);
        assertThat(millis(summary.p99())).isCloseTo(2, within(0.01));
        assertThat(millis(summary.max())).isCloseTo(3000, within(3.0));
    }

    @Test
    void nothingRecordedHasNoPercentiles() {
        assertThat(new Latencies().summary()).isEqualTo(Latencies.Summary.EMPTY);
        assertThat(Report.millis(Latencies.Summary.EMPTY.p50())).isEqualTo("-");
    }

    @Test
    void subMicrosecondAndHugeLatenciesAreClampedNotLost() {
        Latencies latencies = new Latencies();
        latencies.record(10);
        latencies.record(TimeUnit.HOURS.toNanos(1));

        assertThat(latencies.count()).isEqualTo(2);
        assertThat(latencies.summary().p50()).isEqualTo(Duration.ofNanos(1000));
        assertThat(millis(latencies.summary().max())).isCloseTo(600_000, within(600.0));
    }

    @Test
    void rejectsNegativeLatency() {
        assertThatThrownBy(() -> new Latencies().record(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
