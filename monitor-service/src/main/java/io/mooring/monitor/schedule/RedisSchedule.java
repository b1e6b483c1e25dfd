package io.mooring.monitor.schedule;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.monitor.monitor.MonitorSettings;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The check schedule in Redis (over TLS): a sorted set of probed monitors by when each is next due ({@code <p>due}),
 * each one's slot ({@code <p>slot}: interval, offset and the version of the definition, the monitor's
 * {@code updated_at}) and what to check ({@code <p>check}: kind, target, settings, timeout). A claim (one Lua script)
 * takes the due monitors and moves each to its next slot, so across replicas each slot is claimed once, whether or
 * not Postgres answers. Postgres stays the monitors' store: {@link ScheduleSync} copies its changes here after they
 * commit, and compares the two regularly. A definition is replaced only by one at least as new; a removed monitor
 * leaves its version behind ({@code interval 0}) for an hour, so that an older copy arriving late does not bring it back.
 */
@Singleton
public class RedisSchedule {
    private static final String CLAIM = """
            local got = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
            local now = tonumber(ARGV[1])
            local out = {}
            for i = 1, #got, 2 do
              local id = got[i]
              local slot = redis.call('HGET', KEYS[2], id)
              local check = redis.call('HGET', KEYS[3], id)
              local interval, offset
              if slot then
                interval, offset = string.match(slot, '^(%d+) (%d+) ')
                interval = tonumber(interval)
              end
              if check and interval and interval > 0 then
                offset = tonumber(offset)
                local nextAt = (math.floor((now - offset) / interval) + 1) * interval + offset
                redis.call('ZADD', KEYS[1], nextAt, id)
                out[#out + 1] = id
                out[#out + 1] = got[i + 1]
                out[#out + 1] = check
              else
                redis.call('ZREM', KEYS[1], id)
              end
            end
            return out""";
    /** ARGV: id, slot, check, version, first due, 'reschedule' or 'keep'; 0 when a newer version is there. */
    private static final String PUT = """
            local current = redis.call('HGET', KEYS[2], ARGV[1])
            if current and tonumber(string.match(current, ' (%d+)$')) > tonumber(ARGV[4]) then
              return 0
            end
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
            if ARGV[6] == 'reschedule' or not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
              redis.call('ZADD', KEYS[1], ARGV[5], ARGV[1])
            end
            return 1""";
    /** ARGV: id, version; 0 when a newer version is there. */
    private static final String REMOVE = """
            local current = redis.call('HGET', KEYS[2], ARGV[1])
            if current and tonumber(string.match(current, ' (%d+)$')) > tonumber(ARGV[2]) then
              return 0
            end
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[3], ARGV[1])
            redis.call('HSET', KEYS[2], ARGV[1], '0 0 ' .. ARGV[2])
            return 1""";

    private final BeanProvider<StatefulRedisConnection<String, String>> redis;
    private final JsonMapper json;
    private final String[] keys;

    public RedisSchedule(BeanProvider<StatefulRedisConnection<String, String>> redis, JsonMapper json,
                         SchedulerSettings settings) {
        this.redis = redis;
        this.json = json;
        String p = settings.getRedisPrefix();
        this.keys = new String[] {p + "due", p + "slot", p + "check"};
    }

    /** What a check of a monitor needs, as kept in Redis. */
    @Serdeable
    public record StoredCheck(String kind, @Nullable String target, MonitorSettings settings, int timeoutSeconds) {
    }

    /** A monitor to check: its definition, interval and the version (its {@code updated_at}) these belong to. */
    public record Scheduled(UUID id, MonitorKind kind, @Nullable String target, MonitorSettings settings,
                            int timeoutSeconds, int intervalSeconds, Instant version) {
    }

    private RedisCommands<String, String> commands() {
        return redis.get().sync();
    }

    /** Claims up to {@code max} monitors due at {@code now}, most overdue first, each moved to its next slot. */
    public List<DueCheck> claim(Instant now, int max) {
        List<Object> got = commands().eval(CLAIM, ScriptOutputType.MULTI, keys, Long.toString(now.toEpochMilli()),
                Integer.toString(max));
        List<DueCheck> due = new ArrayList<>(got.size() / 3);
        for (int i = 0; i + 2 < got.size(); i += 3) {
            UUID id = UUID.fromString((String) got.get(i));
            Instant dueAt = Instant.ofEpochMilli((long) Double.parseDouble((String) got.get(i + 1)));
            StoredCheck check = read((String) got.get(i + 2));
            due.add(new DueCheck(new CheckDefinition(id, MonitorKind.fromWire(check.kind()), check.target(),
                    check.settings(), check.timeoutSeconds()), dueAt));
        }
        return due;
    }

    /**
     * Keeps the monitor in the schedule with this definition, unless a newer version is there; with {@code from} it is
     * (re)placed at its first slot at or after it, otherwise it keeps its place (or, when missing, gets the next one after
     * {@code now}). Returns false when a newer version was kept.
     */
    public boolean put(Scheduled monitor, @Nullable Instant from, Instant now) {
        int offset = CheckSlots.offsetMillis(monitor.id(), monitor.intervalSeconds());
        Instant first = CheckSlots.firstAtOrAfter(offset, monitor.intervalSeconds(), from == null ? now : from);
        String slot = monitor.intervalSeconds() * 1000L + " " + offset + " " + monitor.version().toEpochMilli();
        String check;
        try {
            check = json.writeValueAsString(new StoredCheck(monitor.kind().wireName(), monitor.target(), monitor.settings(),
                    monitor.timeoutSeconds()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Long put = commands().eval(PUT, ScriptOutputType.INTEGER, keys, monitor.id().toString(), slot, check,
                Long.toString(monitor.version().toEpochMilli()), Long.toString(first.toEpochMilli()),
                from == null ? "keep" : "reschedule");
        return put != null && put == 1;
    }

    /** Takes the monitor out of the schedule, unless a version newer than {@code version} is there. */
    public boolean remove(UUID id, Instant version) {
        Long removed = commands().eval(REMOVE, ScriptOutputType.INTEGER, keys, id.toString(),
                Long.toString(version.toEpochMilli()));
        return removed != null && removed == 1;
    }

    /** Every monitor the schedule knows, with the version of what it holds, removed ones included (interval 0). */
    public Map<UUID, Known> known() {
        Map<UUID, Known> known = new HashMap<>();
        commands().hgetall(keys[1]).forEach((id, slot) -> {
            String[] parts = slot.split(" ");
            known.put(UUID.fromString(id), new Known(Long.parseLong(parts[0]) > 0, Instant.ofEpochMilli(Long.parseLong(parts[2]))));
        });
        return known;
    }

    /** What the schedule holds of one monitor: whether it is scheduled (or removed) and the version. */
    public record Known(boolean scheduled, Instant version) {
    }

    /** Forgets a removed monitor's version. */
    public void forgetRemoved(UUID id) {
        commands().hdel(keys[1], id.toString());
    }

    /** When the monitor is next due, if it is scheduled. */
    public @Nullable Instant nextDue(UUID id) {
        Double score = commands().zscore(keys[0], id.toString());
        return score == null ? null : Instant.ofEpochMilli(score.longValue());
    }

    private StoredCheck read(String stored) {
        try {
            return json.readValue(stored, StoredCheck.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable check definition in Redis: " + stored, e);
        }
    }
}
