package io.mooring.chatops.outcome;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.Limit;
import io.micronaut.context.BeanProvider;
import io.mooring.chatops.ChatopsSettings;
import io.mooring.chatops.command.CommandSettings;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands sent from chat whose outcome goes back to their {@code response_url}, in Redis: the hash
 * {@code <prefix>:command:<commandId>} (kept for {@code mooring.chatops.commands.answer-ttl}, so every answer until
 * then is posted) and the sorted set {@code <prefix>:commands:unanswered} (score: when issued), which a command
 * leaves when its first answer comes or when the sweeper claims it to say that nobody answered. Redis errors
 * propagate: the consumer retries the event, a request gets 503.
 */
@Singleton
public class PendingCommands {
    private static final String REMEMBER = """
            if redis.call('EXISTS', KEYS[1]) == 1 then
              return 0
            end
            redis.call('HSET', KEYS[1], 'responseUrl', ARGV[1], 'chat', ARGV[2], 'summary', ARGV[3], 'issuedAt', ARGV[4])
            redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
            redis.call('ZADD', KEYS[2], tonumber(ARGV[6]), ARGV[7])
            return 1
            """;
    private static final int SWEEP_BATCH = 100;

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final String prefix;
    private final long ttlSeconds;

    public PendingCommands(BeanProvider<StatefulRedisConnection<String, String>> connection, ChatopsSettings settings,
                           CommandSettings commands) {
        this.connection = connection;
        this.prefix = settings.getKeyPrefix();
        this.ttlSeconds = commands.getAnswerTtl().toSeconds();
    }

    /**
     * Keeps the command until its answers come (or the TTL passes); a command kept already (the same invocation
     * delivered again) stays as it is. True when it was not kept before.
     */
    public boolean remember(PendingCommand command) {
        Long added = redis().eval(REMEMBER, ScriptOutputType.INTEGER, new String[]{commandKey(command.commandId()), unansweredKey()},
                command.responseUrl().toString(), command.chat(), command.summary(), command.issuedAt().toString(),
                Long.toString(ttlSeconds), Long.toString(command.issuedAt().toEpochMilli()), command.commandId());
        return added != null && added == 1L;
    }

    /** Forgets a command that was not sent after all. */
    public void forget(String commandId) {
        RedisCommands<String, String> redis = redis();
        redis.zrem(unansweredKey(), commandId);
        redis.del(commandKey(commandId));
    }

    /** The command, while it is kept. */
    Optional<PendingCommand> find(String commandId) {
        Map<String, String> fields = redis().hgetall(commandKey(commandId));
        if (fields == null || !fields.containsKey("responseUrl")) {
            return Optional.empty();
        }
        return Optional.of(new PendingCommand(commandId, URI.create(fields.get("responseUrl")), fields.get("chat"),
                fields.get("summary"), Instant.parse(fields.get("issuedAt"))));
    }

    /** An answer came: the command is no longer waiting for one. */
    void answered(String commandId) {
        redis().zrem(unansweredKey(), commandId);
    }

    /** The ids of commands issued before {@code before} that nobody answered yet, oldest first. */
    List<String> unansweredBefore(Instant before) {
        return redis().zrangebyscore(unansweredKey(), Range.create(Double.NEGATIVE_INFINITY, (double) before.toEpochMilli()),
                Limit.create(0, SWEEP_BATCH));
    }

    /** Takes the command off the unanswered set; true for the one caller (of all relays) that did. */
    boolean claim(String commandId) {
        return redis().zrem(unansweredKey(), commandId) > 0;
    }

    /** Puts a claimed command back, to be swept again (its "no answer" post could not be delivered). */
    void unclaim(PendingCommand command) {
        redis().zadd(unansweredKey(), (double) command.issuedAt().toEpochMilli(), command.commandId());
    }

    private RedisCommands<String, String> redis() {
        return connection.get().sync();
    }

    private String commandKey(String commandId) {
        return prefix + ":command:" + commandId;
    }

    private String unansweredKey() {
        return prefix + ":commands:unanswered";
    }
}
