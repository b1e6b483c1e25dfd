package io.mooring.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorBenchOptionsTest {

    @Test
    void parsesEveryOption() {
        MonitorBenchOptions options = MonitorBenchOptions.parse("--monitors", "1000, 5000", "--interval", "1m",
                "--duration", "45s", "--timeout", "10", "--settle", "2m", "--clients", "4", "--env", "MOORING_SCHEDULER_CLAIM_BATCH=1000");

        assertThat(options.monitors()).containsExactly(1000, 5000);
        assertThat(options.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(45));
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.settle()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.clients()).isEqualTo(4);
        assertThat(options.serviceEnv()).isEqualTo(Map.of("MOORING_SCHEDULER_CLAIM_BATCH", "1000"));
    }

    @Test
    void defaultsAreTenTwentyAndFiftyThousandMonitorsEveryThirtySeconds() {
        MonitorBenchOptions options = MonitorBenchOptions.parse();

        assertThat(options.monitors()).isEqualTo(List.of(10_000, 20_000, 50_000));
        assertThat(options.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.settle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.clients()).isEqualTo(2);
        assertThat(options.serviceEnv()).isEmpty();
    }

    @Test
    void rejectsUnboundedOrMalformedValuesNamingTheOption() {
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--monitors", "20000,10000")).hasMessageContaining("ascending");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--monitors", "10000,10000")).hasMessageContaining("ascending");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--monitors", "99")).hasMessageContaining("--monitors");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--monitors", "200001")).hasMessageContaining("--monitors");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--monitors", "1000,,2000")).hasMessageContaining("--monitors");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--interval", "1500ms")).hasMessageContaining("--interval");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--interval", "5s")).hasMessageContaining("--interval");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--timeout", "0")).hasMessageContaining("--timeout");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--interval", "10s", "--timeout", "20s"))
                .hasMessageContaining("--timeout must be at most the interval");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--duration", "1s")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--duration", "1h")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--settle", "31m")).hasMessageContaining("--settle");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--clients", "65")).hasMessageContaining("--clients");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--env", "lower=1")).hasMessageContaining("--env");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--clients")).hasMessageContaining("--clients needs a value");
        assertThatThrownBy(() -> MonitorBenchOptions.parse("--no-status-page", "x"))
                .hasMessageContaining("unknown option --no-status-page");
    }
}
