package io.mooring.monitor.schedule;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.BeanProvider;
import io.mooring.monitor.probe.ProbeResult;
import io.mooring.monitor.probe.ProbeStatus;
import io.mooring.monitor.state.CheckOutcomes.Checked;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Check results on their way to Postgres: a Redis stream ({@code <p>results}) that every replica's checks append to and
 * one writer at a time drains in order, deleting what it wrote. Results wait there while Postgres is away, and across
 * restarts of the service.
 */
@Singleton
public class ResultStream {
    private final BeanProvider<StatefulRedisConnection<String, String>> redis;
    private final String key;

    public ResultStream(BeanProvider<StatefulRedisConnection<String, String>> redis, SchedulerSettings settings) {
        this.redis = redis;
        this.key = settings.getRedisPrefix() + "results";
    }

    /** A result read from the stream, with its entry id. */
    public record Entry(String id, Checked checked) {
    }

    private RedisCommands<String, String> commands() {
        return redis.get().sync();
    }

    /** Appends the result; Redis errors propagate. */
    public void append(Checked checked) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("monitor", checked.monitorId().toString());
        fields.put("status", checked.result().status().name());
        fields.put("latency-ns", Long.toString(checked.result().latency().toNanos()));
        fields.put("reason", checked.result().reason());
        if (checked.result().certificateDaysLeft() != null) {
            fields.put("certificate-days-left", Long.toString(checked.result().certificateDaysLeft()));
        }
        fields.put("at-us", Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, checked.at())));
        commands().xadd(key, fields);
    }

    /** The oldest results, at most {@code max}, in the order they were appended. */
    public List<Entry> oldest(int max) {
        List<StreamMessage<String, String>> messages = commands().xrange(key, Range.create("-", "+"),
                io.lettuce.core.Limit.from(max));
        List<Entry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            Map<String, String> f = message.getBody();
            String days = f.get("certificate-days-left");
            ProbeResult result = new ProbeResult(ProbeStatus.valueOf(f.get("status")),
                    Duration.ofNanos(Long.parseLong(f.get("latency-ns"))), f.get("reason"),
                    days == null ? null : Long.valueOf(days));
            Instant at = Instant.EPOCH.plus(Long.parseLong(f.get("at-us")), ChronoUnit.MICROS);
            entries.add(new Entry(message.getId(), new Checked(UUID.fromString(f.get("monitor")), result, at)));
        }
        return entries;
    }

    /** Deletes entries once written. */
    public void delete(List<Entry> entries) {
        if (!entries.isEmpty()) {
            commands().xdel(key, entries.stream().map(Entry::id).toArray(String[]::new));
        }
    }

    /** How many results wait. */
    public long pending() {
        return commands().xlen(key);
    }
}
