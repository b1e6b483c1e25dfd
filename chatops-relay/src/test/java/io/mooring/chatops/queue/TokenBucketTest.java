package io.mooring.chatops.queue;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstIsTakenAtOnceThenTheRateApplies() {
        TokenBucket bucket = new TokenBucket(2, 3, now::get);
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isEqualTo(500_000_000L);
        now.addAndGet(250_000_000L);
        assertThat(bucket.tryTake()).as("half a token").isEqualTo(250_000_000L);
        now.addAndGet(250_000_000L);
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isPositive();
    }

    @Test
    void aQuietWhileRefillsNoMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(1, 2, now::get);
        bucket.tryTake();
        bucket.tryTake();
        now.addAndGet(3_600_000_000_000L);
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isPositive();
    }
}
