package io.mooring.chatops.channel;

import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.core.annotation.Nullable;
import io.mooring.chatops.ChatopsSettings;
import io.mooring.chatops.delivery.LedgerUnavailableException;
import jakarta.inject.Singleton;

import java.util.function.Function;

/**
 * The opening message of each incident per target (a Slack {@code ts}, a Matrix {@code event_id}), so that its
 * follow-ups reply in its thread: {@code <prefix>:thread:<target>:<incidentId>}, expiring after
 * {@code mooring.chatops.channels.thread-ttl}. Throws {@link LedgerUnavailableException} while Redis is unreachable.
 */
@Singleton
public class Threads {
    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final String prefix;
    private final long ttlSeconds;

    public Threads(BeanProvider<StatefulRedisConnection<String, String>> connection, ChatopsSettings settings,
                   ChannelSettings channels) {
        this.connection = connection;
        this.prefix = settings.getKeyPrefix();
        this.ttlSeconds = Math.max(1, channels.getThreadTtl().toSeconds());
    }

    /** The opening message of the incident at the target, if it is known. */
    public @Nullable String root(String target, String incidentId) {
        return call(redis -> redis.get(key(target, incidentId)));
    }

    /** Remembers the opening message of the incident at the target (the first one posted stays). */
    public void remember(String target, String incidentId, String messageId) {
        call(redis -> redis.set(key(target, incidentId), messageId, SetArgs.Builder.nx().ex(ttlSeconds)));
    }

    private String key(String target, String incidentId) {
        return prefix + ":thread:" + target + ":" + incidentId;
    }

    private <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(connection.get().sync());
        } catch (RedisException | BeanInstantiationException e) {
            throw new LedgerUnavailableException(e);
        }
    }
}
