package io.mooring.monitor.rollup;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollupCompactorTest {

    @Test
    void refusesSettingsThatCannotFold() {
        assertThatThrownBy(() -> compactor(Duration.ofMinutes(-1), 1000, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compact-delay");
        assertThatThrownBy(() -> compactor(Duration.ofMinutes(1), 0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compact-monitors");
        assertThatThrownBy(() -> compactor(Duration.ofMinutes(1), 1000, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compact-slices-per-run");
        assertThatThrownBy(() -> compactor(Duration.ofMinutes(1), 1000, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compact-slices-per-run");
    }

    private static RollupCompactor compactor(Duration delay, int slice, int slicesPerRun) {
        return new RollupCompactor(null, null, null, null, Clock.systemUTC(), delay, slice, slicesPerRun);
    }
}
