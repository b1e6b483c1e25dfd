package io.mooring.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void parsesEveryOption() {
        BenchOptions options = BenchOptions.parse("--duration", "1500ms", "--concurrency", "1, 4,16", "--warmup", "0",
                "--max-creates", "300", "--max-reads", "4000", "--hosts", "5", "--env", "MOORING_RATE_LIMIT=100000");

        assertThat(options.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.concurrency()).containsExactly(1, 4, 16);
        assertThat(options.maxConcurrency()).isEqualTo(16);
        assertThat(options.warmup()).isZero();
        assertThat(options.maxCreates()).isEqualTo(300);
        assertThat(options.maxReads()).isEqualTo(4000);
        assertThat(options.hosts()).isEqualTo(5);
        assertThat(options.serviceEnv()).isEqualTo(Map.of("MOORING_RATE_LIMIT", "100000"));
    }

    @Test
    void defaultsAreFifteenSecondsOneAndEightClients() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.concurrency()).isEqualTo(List.of(1, 8));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.maxCreates()).isEqualTo(2000);
        assertThat(options.maxReads()).isEqualTo(20_000);
    }

    @Test
    void rejectsUnboundedOrMalformedValuesNamingTheOption() {
        assertThatThrownBy(() -> BenchOptions.parse("--duration", "2h")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> BenchOptions.parse("--duration", "11m")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> BenchOptions.parse("--concurrency", "1,0")).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> BenchOptions.parse("--concurrency", "1,,8")).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> BenchOptions.parse("--max-creates", "100001")).hasMessageContaining("--max-creates");
        assertThatThrownBy(() -> BenchOptions.parse("--max-reads", "0")).hasMessageContaining("--max-reads");
        assertThatThrownBy(() -> BenchOptions.parse("--env", "lower=1")).hasMessageContaining("--env");
        assertThatThrownBy(() -> BenchOptions.parse("--hosts")).hasMessageContaining("--hosts needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--url", "http://example.com")).hasMessageContaining("unknown option --url");
    }
}
