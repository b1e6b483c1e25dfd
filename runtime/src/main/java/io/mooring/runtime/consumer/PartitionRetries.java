package io.mooring.runtime.consumer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.ExponentialBackoff;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partitions of one consumer group member that are failing on a record: how often, since
 * when, and when each may be tried again (Kafka's {@link ExponentialBackoff}, with jitter). Time is
 * measured with {@link System#nanoTime()}, so a test clock cannot freeze a retry. Read by the
 * consumer thread and by health and metrics.
 */
final class PartitionRetries {

    /** The record a partition is held on. */
    record Failing(TopicPartition partition, long offset, int attempts, Instant since, long sinceNanos,
                   long resumeAtNanos, boolean paused, String error) {

        Duration failingFor() {
            return Duration.ofNanos(System.nanoTime() - sinceNanos);
        }
    }

    private final String group;
    private final MeterRegistry meters;
    private final ExponentialBackoff backoff;
    private final long maxDelayMillis;
    private final Map<TopicPartition, Failing> failing = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Boolean> gauged = new ConcurrentHashMap<>();

    PartitionRetries(String group, ConsumerSettings settings, MeterRegistry meters) {
        this.group = group;
        this.meters = meters;
        this.maxDelayMillis = Math.max(settings.getBackoffMax().toMillis(), settings.getBackoffInitial().toMillis());
        this.backoff = new ExponentialBackoff(settings.getBackoffInitial().toMillis(), 2, maxDelayMillis, 0.2);
    }

    /**
     * Records one more failed attempt at {@code offset} and schedules the next: after the backoff, or after the
     * {@link TransientEventFailure#retryAfter()} the failure asks for when that is longer (never beyond the
     * backoff's maximum).
     */
    Failing failed(TopicPartition partition, long offset, Throwable error) {
        long now = System.nanoTime();
        track(List.of(partition));
        return failing.compute(partition, (key, previous) -> {
            boolean same = previous != null && previous.offset() == offset;
            int attempts = same ? previous.attempts() + 1 : 1;
            long delay = Duration.ofMillis(Math.max(backoff.backoff(attempts - 1), retryAfterMillis(error))).toNanos();
            return new Failing(partition, offset, attempts, same ? previous.since() : Instant.now(),
                    same ? previous.sinceNanos() : now, now + delay, true, String.valueOf(error));
        });
    }

    private long retryAfterMillis(Throwable error) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = error; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof TransientEventFailure failure && failure.retryAfter().isPresent()) {
                return Math.min(failure.retryAfter().get().toMillis(), maxDelayMillis);
            }
        }
        return 0;
    }

    /** The partition is past its failing record. */
    void passed(TopicPartition partition) {
        failing.remove(partition);
    }

    /** Whether the partition is paused until its backoff is over. */
    boolean paused(TopicPartition partition) {
        Failing f = failing.get(partition);
        return f != null && f.paused();
    }

    /** Paused partitions whose backoff is over; they count as resumed from now on. */
    List<TopicPartition> resumeDue() {
        long now = System.nanoTime();
        List<TopicPartition> due = failing.values().stream()
                .filter(f -> f.paused() && now - f.resumeAtNanos() >= 0).map(Failing::partition).toList();
        due.forEach(p -> failing.computeIfPresent(p, (key, f) -> new Failing(f.partition(), f.offset(), f.attempts(),
                f.since(), f.sinceNanos(), f.resumeAtNanos(), false, f.error())));
        return due;
    }

    /** Time until the next paused partition may resume; {@code max} when none waits. */
    Duration untilNextResume(Duration max) {
        long now = System.nanoTime();
        return failing.values().stream().filter(Failing::paused)
                .map(f -> Duration.ofNanos(Math.max(0, f.resumeAtNanos() - now)))
                .min(Comparator.naturalOrder()).filter(d -> d.compareTo(max) < 0).orElse(max);
    }

    /** Registers the age gauge of newly assigned partitions, so that it reads 0 before anything fails. */
    void track(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            gauged.computeIfAbsent(partition, p -> {
                Gauge.builder("mooring.events.unprocessed.age", this, r -> r.ageSeconds(p))
                        .description("How long the oldest record this consumer fetched but could not apply yet has been failing; 0 when none")
                        .baseUnit("seconds")
                        .tags("consumer", group, "topic", p.topic(), "partition", Integer.toString(p.partition()))
                        .register(meters);
                return true;
            });
        }
    }

    /** The partitions left this member: a new owner starts their attempts afresh. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(failing::remove);
    }

    double ageSeconds(TopicPartition partition) {
        Failing f = failing.get(partition);
        return f == null ? 0 : f.failingFor().toMillis() / 1000.0;
    }

    /** The partitions held on one record for at least {@code after}, longest first. */
    List<Failing> stuck(Duration after) {
        return failing.values().stream().filter(f -> f.failingFor().compareTo(after) >= 0)
                .sorted(Comparator.comparing(Failing::sinceNanos)).toList();
    }
}
