package io.mooring.chatops.command;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.mooring.chatops.ChatopsSettings;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The account names the relay learned from {@code mooring.provisioning} (an account is named when it is requested),
 * in Redis: {@code <prefix>:name:account:<name>} → id and {@code <prefix>:account-name:<id>} → name, so that a
 * command names an account as operators do. A purged account's name is forgotten. Redis errors propagate: the
 * consumer retries the event, a request gets 503.
 */
@Singleton
class Names {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final String prefix;

    Names(BeanProvider<StatefulRedisConnection<String, String>> connection, ChatopsSettings settings) {
        this.connection = connection;
        this.prefix = settings.getKeyPrefix();
    }

    /** Remembers that account {@code id} is called {@code name}. */
    void learnAccount(String id, String name) {
        var redis = connection.get().sync();
        redis.set(prefix + ":name:account:" + name, id);
        redis.set(prefix + ":account-name:" + id, name);
    }

    /** Forgets the name of account {@code id}. */
    void forgetAccount(String id) {
        var redis = connection.get().sync();
        String name = redis.get(prefix + ":account-name:" + id);
        if (name != null && id.equals(redis.get(prefix + ":name:account:" + name))) {
            redis.del(prefix + ":name:account:" + name);
        }
        redis.del(prefix + ":account-name:" + id);
    }

    /** The id of the account called {@code nameOrId}; an id is taken as it is. */
    Optional<String> account(String nameOrId) {
        String lower = nameOrId.toLowerCase(Locale.ROOT);
        if (ID.matcher(lower).matches()) {
            return Optional.of(lower);
        }
        return Optional.ofNullable(connection.get().sync().get(prefix + ":name:account:" + nameOrId));
    }
}
