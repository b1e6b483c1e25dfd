package io.mooring.provisioner.resource.work;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(3, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)));

    @Test
    void retriesATransientFailureAfterTheBackoff() {
        assertThat(policy.after(1, true, "connection refused", NOW, 0.5)).isEqualTo(new RetryPolicy.Retry(NOW.plusSeconds(1)));
        assertThat(policy.after(2, true, "connection refused", NOW, 0.5)).isEqualTo(new RetryPolicy.Retry(NOW.plusSeconds(2)));
    }

    @Test
    void givesUpOnATransientFailureAtTheLastAttempt() {
        assertThat(policy.after(3, true, "connection refused", NOW, 0.5))
                .isEqualTo(new RetryPolicy.GiveUp("gave up after 3 attempts: connection refused"));
    }

    @Test
    void givesUpOnAPermanentFailureAtOnceWithItsReason() {
        assertThat(policy.after(1, false, "permission denied to create role", NOW, 0.5))
                .isEqualTo(new RetryPolicy.GiveUp("permission denied to create role"));
    }
}
