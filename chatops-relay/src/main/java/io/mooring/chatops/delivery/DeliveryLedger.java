package io.mooring.chatops.delivery;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.mooring.chatops.ChatopsSettings;
import io.mooring.runtime.redis.RedisSettings;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What was posted where, in Redis: a mark per (event, target) whose outcome is final, kept for the
 * dedupe TTL, and the log of every attempt, newest first, capped at {@value #LOG_SIZE} entries.
 * Keys: {@code <prefix>:settled:<eventId>:<target>}, {@code <prefix>:deliveries} and
 * {@code <prefix>:target-since:<target>} (when the target was first seen).
 *
 * <p>Every method throws {@link LedgerUnavailableException} while Redis is unreachable.
 */
@Singleton
public class DeliveryLedger {
    public static final int LOG_SIZE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLedger.class);

    /** Marks the pair (if the outcome is final) and logs the attempt in one step: both happen or neither. */
    private static final String RECORD = """
            if ARGV[1] == '1' then
              redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', tonumber(ARGV[3]))
            end
            redis.call('LPUSH', KEYS[2], ARGV[4])
            redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[5]) - 1)
            return 1
            """;

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final JsonMapper json;
    private final String prefix;
    private final long ttlSeconds;

    public DeliveryLedger(BeanProvider<StatefulRedisConnection<String, String>> connection, JsonMapper json,
                          ChatopsSettings settings, RedisSettings redis) {
        if (redis.getUri() == null || redis.getUri().isBlank()) {
            throw new ConfigurationException("mooring.redis.uri (MOORING_REDIS_URI) must be set: the relay keeps its "
                    + "dedupe marks and delivery log in Redis");
        }
        this.connection = connection;
        this.json = json;
        this.prefix = settings.getKeyPrefix();
        this.ttlSeconds = settings.getDedupeTtl().toSeconds();
    }

    /** Whether the event already reached a final outcome at the target: then it is not posted again. */
    public boolean isSettled(UUID eventId, String target) {
        return call(redis -> redis.exists(settledKey(eventId, target)) > 0);
    }

    /** Logs the attempt and, when {@code settles}, marks the pair so that redeliveries skip it. */
    public void record(Delivery delivery, boolean settles) {
        String outcome = delivery.httpStatus() == null ? delivery.status() : delivery.status() + ":" + delivery.httpStatus();
        String entry = write(delivery);
        call(redis -> redis.eval(RECORD, ScriptOutputType.INTEGER,
                new String[]{settledKey(delivery.eventId(), delivery.target()), logKey()},
                settles ? "1" : "0", outcome, Long.toString(ttlSeconds), entry, Integer.toString(LOG_SIZE)));
    }

    /**
     * When the relay first saw the target: the stored time, or {@code now}, stored and returned when the
     * target has none yet.
     */
    public Instant firstSeen(String target, Instant now) {
        String key = prefix + ":target-since:" + target;
        return Instant.parse(call(redis -> {
            redis.setnx(key, now.toString());
            return redis.get(key);
        }));
    }

    /** Up to {@code limit} most recent attempts, newest first, only those of {@code eventId} if given. */
    public List<Delivery> recent(int limit, @Nullable UUID eventId) {
        if (eventId == null) {
            return call(redis -> redis.lrange(logKey(), 0, limit - 1)).stream().flatMap(this::read).toList();
        }
        return call(redis -> redis.lrange(logKey(), 0, LOG_SIZE - 1)).stream().flatMap(this::read)
                .filter(d -> d.eventId().equals(eventId)).limit(limit).toList();
    }

    private String settledKey(UUID eventId, String target) {
        return prefix + ":settled:" + eventId + ":" + target;
    }

    /** The Redis list of the delivery log (newest first, trimmed to {@value #LOG_SIZE}). */
    public String logKey() {
        return prefix + ":deliveries";
    }

    /** Runs a command; failing to connect (the connection bean cannot be created) counts as unavailable too. */
    private <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(connection.get().sync());
        } catch (RedisException | BeanInstantiationException e) {
            throw new LedgerUnavailableException(e);
        }
    }

    private String write(Delivery delivery) {
        try {
            return json.writeValueAsString(delivery);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An entry this version cannot read (written by hand or by an incompatible version) is left out. */
    private Stream<Delivery> read(String entry) {
        try {
            return Stream.of(json.readValue(entry, Delivery.class));
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping an unreadable delivery log entry: {}", e.getMessage());
            return Stream.empty();
        }
    }
}
