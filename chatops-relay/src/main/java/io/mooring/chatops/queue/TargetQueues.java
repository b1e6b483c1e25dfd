package io.mooring.chatops.queue;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.json.JsonMapper;
import io.mooring.chatops.ChatopsSettings;
import io.mooring.chatops.delivery.LedgerUnavailableException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** Appends unless the event is already queued for, or settled at, the target: both or neither happen. */
    private static final String ENQUEUE = """
            if redis.call('EXISTS', KEYS[2]) == 1 then
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

    /** A queued post and its stream entry id. */
    public record Entry(String id, QueuedPost post) {
    }

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final JsonMapper json;
    private final String prefix;
    private final long ttlSeconds;
    private final String replica = UUID.randomUUID().toString();

    public TargetQueues(BeanProvider<StatefulRedisConnection<String, String>> connection, JsonMapper json,
                        ChatopsSettings settings) {
        this.connection = connection;
        this.json = json;
        this.prefix = settings.getKeyPrefix();
        this.ttlSeconds = settings.getDedupeTtl().toSeconds();
    }

    /** Queues the post for the target unless it was queued (or settled there) before; true when queued now. */
    public boolean enqueue(String target, QueuedPost post) {
        String entry = write(post);
        Long added = call(redis -> redis.eval(ENQUEUE, ScriptOutputType.INTEGER,
                new String[]{prefix + ":queued:" + post.eventId() + ":" + target,
                        prefix + ":settled:" + post.eventId() + ":" + target, queueKey(target)},
                Long.toString(ttlSeconds), entry));
        return added != null && added == 1;
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
