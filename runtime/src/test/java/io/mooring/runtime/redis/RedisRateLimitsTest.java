package io.mooring.runtime.redis;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What needs no Redis: failing open. The limits themselves are tested where services use them, on a real Redis. */
class RedisRateLimitsTest {
    private final RedisRateLimits withoutRedis = new RedisRateLimits(() -> {
        throw new IllegalStateException("mooring.redis.uri is not set");
    }, Clock.systemUTC(), Duration.ofMillis(250), "test limits");

    @Test
    void letsEverythingThroughWhenThereIsNoRedis() {
        for (int i = 0; i < 3; i++) {
            assertThat(withoutRedis.countInWindow("k", 1, Duration.ofMinutes(1))).isEmpty();
            assertThat(withoutRedis.oncePer("k", Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void refusesATimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> new RedisRateLimits(() -> null, Clock.systemUTC(), Duration.ZERO, "test limits"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test limits");
    }
}
