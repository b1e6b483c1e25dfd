package io.mooring.runtime.consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionRetriesTest {
    private static final TopicPartition PARTITION = new TopicPartition("mooring.things", 0);
    private static final Duration LONG = Duration.ofMinutes(5);

    private PartitionRetries retries() {
        ConsumerSettings settings = new ConsumerSettings();
        settings.setBackoffInitial(Duration.ofMillis(10));
        settings.setBackoffMax(Duration.ofSeconds(5));
        return new PartitionRetries("svc.handler", settings, new SimpleMeterRegistry());
    }

    @Test
    void waitsTheBackoffWhenTheFailureDoesNotSayHowLong() {
        PartitionRetries retries = retries();
        retries.failed(PARTITION, 7, new TransientEventFailure("target down"));
        assertThat(retries.untilNextResume(LONG)).isLessThanOrEqualTo(Duration.ofMillis(12));
    }

    @Test
    void waitsAsLongAsTheFailureAsksForWhenThatIsLongerThanTheBackoff() {
        PartitionRetries retries = retries();
        retries.failed(PARTITION, 7, new IllegalStateException("wrapped",
                new TransientEventFailure("HTTP 429", Duration.ofSeconds(2))));
        assertThat(retries.untilNextResume(LONG)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(2));
    }

    @Test
    void neverWaitsLongerThanTheBackoffMaximum() {
        PartitionRetries retries = retries();
        retries.failed(PARTITION, 7, new TransientEventFailure("HTTP 503", Duration.ofHours(1)));
        assertThat(retries.untilNextResume(LONG)).isBetween(Duration.ofMillis(4900), Duration.ofSeconds(5));
    }
}
