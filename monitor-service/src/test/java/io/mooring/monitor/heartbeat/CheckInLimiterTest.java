package io.mooring.monitor.heartbeat;

import io.mooring.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class CheckInLimiterTest {
    private final MovableClock clock = new MovableClock();
    private final CheckInLimiter limiter = new CheckInLimiter(clock, Duration.ofSeconds(1));

    @Test
    void recordsOneCheckInPerTokenAWindow() {
        assertThat(limiter.acquire("a")).isEmpty();
        assertThat(limiter.acquire("a")).isEqualTo(OptionalLong.of(1));
        assertThat(limiter.acquire("b")).as("another token has its own window").isEmpty();
        clock.advance(Duration.ofMillis(999));
        assertThat(limiter.acquire("a")).isEqualTo(OptionalLong.of(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.acquire("a")).isEmpty();
    }

    @Test
    void refusedCheckInsDoNotExtendTheWindow() {
        assertThat(limiter.acquire("a")).isEmpty();
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.acquire("a")).isPresent();
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.acquire("a")).isEmpty();
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        CheckInLimiter slow = new CheckInLimiter(clock, Duration.ofSeconds(10));
        assertThat(slow.acquire("a")).isEmpty();
        clock.advance(Duration.ofMillis(1_500));
        assertThat(slow.acquire("a")).isEqualTo(OptionalLong.of(9));
    }
}
