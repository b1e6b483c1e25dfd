package io.mooring.runtime.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedProbeTest {

    @Test
    void aHangingCheckTimesOutAndIsNotStartedAgainWhileItHangs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        BoundedProbe<String> probe = new BoundedProbe<>("store", Duration.ofMillis(100), () -> {
            started.incrementAndGet();
            release.await();
            return "answer";
        });

        assertThatThrownBy(probe::run).isInstanceOf(TimeoutException.class).hasMessageContaining("store did not answer within 100 ms");
        assertThatThrownBy(probe::run).isInstanceOf(TimeoutException.class);
        assertThat(started).hasValue(1);

        release.countDown();
        assertThat(probe.run()).isEqualTo("answer");
    }

    @Test
    void aFailingCheckThrowsItsOwnFailure() {
        BoundedProbe<String> probe = new BoundedProbe<>("store", Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("refused");
        });
        assertThatThrownBy(probe::run).isInstanceOf(IllegalStateException.class).hasMessage("refused");
    }
}
