package io.mooring.monitor.heartbeat;

import io.mooring.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What needs no Redis; the shared limit itself is {@code CheckInLimiterIT}'s. */
class CheckInLimiterTest {
    private final MovableClock clock = new MovableClock();

    @Test
    void aServiceWithoutRedisRecordsCheckInsUnlimited() {
        CheckInLimiter none = new CheckInLimiter(() -> {
            throw new IllegalStateException("no Redis configured");
        }, "p:", clock, Duration.ofSeconds(1), Duration.ofMillis(250));
        assertThat(none.acquire("d")).isEmpty();
        assertThat(none.acquire("d")).isEmpty();
    }

    @Test
    void refusesAnIntervalOrTimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> new CheckInLimiter(() -> null, "p:", clock, Duration.ZERO, Duration.ofMillis(250)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min-check-in-interval");
        assertThatThrownBy(() -> new CheckInLimiter(() -> null, "p:", clock, Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("check-in-limit-timeout");
    }
}
