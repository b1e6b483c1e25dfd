package io.mooring.provisioner.resource.work;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void doublesFromTheInitialDelay() {
        assertThat(backoff.after(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(2, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(3, 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.after(9, 0.5)).isEqualTo(Duration.ofSeconds(256));
    }

    @Test
    void stopsGrowingAtTheMaximum() {
        assertThat(backoff.after(10, 0.5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(1_000, 0.5)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void spreadsByTwentyPercentEitherWay() {
        assertThat(backoff.after(3, 0.0)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.after(3, 0.999999)).isBetween(Duration.ofMillis(4799), Duration.ofMillis(4800));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> backoff.after(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.after(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
