package io.mooring.chatops.queue;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.json.JsonMapper;
import io.mooring.chatops.ChatopsSettings;
import io.mooring.chatops.delivery.Delivery;
import io.mooring.chatops.delivery.DeliveryLedger;
import io.mooring.chatops.delivery.LedgerUnavailableException;
import io.mooring.chatops.webhook.ManagedTarget;
import io.mooring.chatops.webhook.TargetStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A queue per target in Redis: the stream {@code <prefix>:queue:<target>}, appended to by the notifier and drained,
 * oldest first, by the one relay holding the lease {@code <prefix>:lease:<target>}. An event is queued for a target
 * once: the mark {@code <prefix>:queued:<eventId>:<target>} (kept for the dedupe TTL) is written by the same script
 * that appends it. Every method throws {@link LedgerUnavailableException} while Redis is unreachable.
 */
@Singleton
public class TargetQueues {
    private static final Logger LOG = LoggerFactory.getLogger(TargetQueues.class);
    private static final String FIELD = "post";

    /**
     * Appends unless the event is already queued for, or settled at, the target, or the target is a stored one that
     * was deleted meanwhile ({@code ARGV[3]} its name in the hash {@code KEYS[4]}): the mark and the entry are written
     * both or neither.
     */
    private static final String ENQUEUE = """
            if redis.call('EXISTS', KEYS[2]) == 1 then
              return 0
            end
            if ARGV[3] ~= '' and redis.call('HEXISTS', KEYS[4], ARGV[3]) == 0 then
              return 0
            end
            if redis.call('SET', KEYS[1], '1', 'NX', 'EX', tonumber(ARGV[1])) then
              redis.call('XADD', KEYS[3], '*', 'post', ARGV[2])
              return 1
            end
            return 0
            """;

    /** Takes the lease when free, renews it when held by this relay. */
    private static final String HOLD = """
            local holder = redis.call('GET', KEYS[1])
            if holder == false then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
              return 1
            end
            if holder == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
              return 1
            end
            return 0
            """;

    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    /** Removes the given entries and logs each one removed now (pairs of entry id and log entry), in one step. */
    private static final String PURGE = """
            local n = 0
            for i = 2, #ARGV, 2 do
              if redis.call('XDEL', KEYS[1], ARGV[i]) == 1 then
                redis.call('LPUSH', KEYS[2], ARGV[i + 1])
                n = n + 1
              end
            end
            redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[1]) - 1)
            return n
            """;
    private static final int PURGE_BATCH = 200;

    /** A queued post and its stream entry id. */
    public record Entry(String id, QueuedPost post) {
    }

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final JsonMapper json;
    private final String prefix;
    private final long ttlSeconds;
    private final String replica = UUID.randomUUID().toString();
    private final DeliveryLedger ledger;
    private final TargetStore stored;

    public TargetQueues(BeanProvider<StatefulRedisConnection<String, String>> connection, JsonMapper json,
                        ChatopsSettings settings, DeliveryLedger ledger, TargetStore stored) {
        this.connection = connection;
        this.json = json;
        this.ledger = ledger;
        this.stored = stored;
        this.prefix = settings.getKeyPrefix();
        this.ttlSeconds = settings.getDedupeTtl().toSeconds();
    }

    /**
     * Queues the post for the target unless it was queued (or settled there) before, or the target is a stored one
     * that no longer is; true when queued now.
     */
    public boolean enqueue(ManagedTarget target, QueuedPost post) {
        String name = target.name();
        String entry = write(post);
        Long added = call(redis -> redis.eval(ENQUEUE, ScriptOutputType.INTEGER,
                new String[]{prefix + ":queued:" + post.eventId() + ":" + name,
                        prefix + ":settled:" + post.eventId() + ":" + name, queueKey(name), stored.key()},
                Long.toString(ttlSeconds), entry, target.stored() ? name : ""));
        return added != null && added == 1;
    }

    /**
     * Removes every entry of the target's queue queued before the call, logging each in the delivery log as
     * {@code purged} with {@code reason} (an entry and its log line in one step); answers how many were removed.
     */
    public long purge(String target, String reason, Instant at) {
        // what was queued when asked: messages queued meanwhile stay
        List<StreamMessage<String, String>> newest = call(redis -> redis.xrevrange(queueKey(target),
                Range.create("-", "+"), Limit.from(1)));
        if (newest.isEmpty()) {
            return 0;
        }
        String last = newest.getFirst().getId();
        long purged = 0;
        while (true) {
            List<StreamMessage<String, String>> batch = call(redis -> redis.xrange(queueKey(target),
                    Range.create("-", last), Limit.from(PURGE_BATCH)));
            if (batch.isEmpty()) {
                return purged;
            }
            List<String> args = new ArrayList<>();
            args.add(Integer.toString(DeliveryLedger.LOG_SIZE));
            for (StreamMessage<String, String> message : batch) {
                args.add(message.getId());
                args.add(logEntry(target, message, reason, at));
            }
            Long removed = call(redis -> redis.eval(PURGE, ScriptOutputType.INTEGER,
                    new String[]{queueKey(target), ledger.logKey()}, args.toArray(String[]::new)));
            purged += removed == null ? 0 : removed;
        }
    }

    /** Purges the queue (see {@link #purge}) and removes the stream itself. */
    public long drop(String target, String reason, Instant at) {
        long purged = 0;
        for (long batch = purge(target, reason, at); batch > 0; batch = purge(target, reason, at)) {
            purged += batch;
        }
        call(redis -> redis.del(queueKey(target)));
        return purged;
    }

    /** The targets that have a queue in Redis but are not in {@code known}, and that no relay drains (lease free). */
    public List<String> orphans(Set<String> known) {
        List<String> orphans = new ArrayList<>();
        String queues = prefix + ":queue:";
        call(redis -> {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(queues + "*").limit(500));
                for (String key : page.getKeys()) {
                    String target = key.substring(queues.length());
                    if (!known.contains(target) && redis.exists(leaseKey(target)) == 0) {
                        orphans.add(target);
                    }
                }
                cursor = page;
            } while (!cursor.isFinished());
            return null;
        });
        return orphans;
    }

    private String logEntry(String target, StreamMessage<String, String> message, String reason, Instant at) {
        Delivery delivery;
        try {
            QueuedPost post = json.readValue(message.getBody().get(FIELD), QueuedPost.class);
            delivery = new Delivery(post.eventId(), post.type(), target, Delivery.PURGED, null, at, post.message(),
                    reason, false);
        } catch (IOException | RuntimeException e) {
            delivery = new Delivery(new UUID(0, 0), "unreadable", target, Delivery.PURGED, null, at, "",
                    reason + " (unreadable entry " + message.getId() + ")", false);
        }
        try {
            return json.writeValueAsString(delivery);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Up to {@code count} entries from the head of the target's queue, oldest first. */
    public List<Entry> peek(String target, int count) {
        List<StreamMessage<String, String>> messages = call(redis -> redis.xrange(queueKey(target),
                Range.create("-", "+"), Limit.from(count)));
        List<Entry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            try {
                entries.add(new Entry(message.getId(), json.readValue(message.getBody().get(FIELD), QueuedPost.class)));
            } catch (IOException | RuntimeException e) {
                // written by hand or an incompatible version: it can never be posted, so it must not block the queue
                LOG.warn("dropping unreadable entry {} of the queue of {}: {}", message.getId(), target, e.getMessage());
                remove(target, List.of(message.getId()));
            }
        }
        return entries;
    }

    public void remove(String target, List<String> ids) {
        if (!ids.isEmpty()) {
            call(redis -> redis.xdel(queueKey(target), ids.toArray(String[]::new)));
        }
    }

    public long length(String target) {
        return call(redis -> redis.xlen(queueKey(target)));
    }

    /** Whether this relay drains the target now: takes or renews its lease for {@code ttl}. */
    public boolean hold(String target, Duration ttl) {
        Long held = call(redis -> redis.eval(HOLD, ScriptOutputType.INTEGER, new String[]{leaseKey(target)},
                replica, Long.toString(ttl.toMillis())));
        return held != null && held == 1;
    }

    /** Frees the target for another relay, if this one holds it. */
    public void release(String target) {
        call(redis -> redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[]{leaseKey(target)}, replica));
    }

    private String queueKey(String target) {
        return prefix + ":queue:" + target;
    }

    private String leaseKey(String target) {
        return prefix + ":lease:" + target;
    }

    private <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(connection.get().sync());
        } catch (RedisException | BeanInstantiationException e) {
            throw new LedgerUnavailableException(e);
        }
    }

    private String write(QueuedPost post) {
        try {
            return json.writeValueAsString(post);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
