package io.mooring.chatops.command;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.mooring.chatops.ChatopsSettings;
import io.mooring.chatops.message.Naming;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names the relay learned from events, in Redis, so that a command names accounts and monitors as operators do.
 * Accounts (from {@code mooring.provisioning}; an account is named when it is requested):
 * {@code <prefix>:name:account:<name>} → id and {@code <prefix>:account-name:<id>} → name; a purged account's name
 * is forgotten. Hosts (from {@code mooring.provisioning}, for messages only): {@code <prefix>:host-name:<id>} → name,
 * forgotten when the host is removed. Monitors (from {@code mooring.monitoring}), whose names are unique per account at most:
 * {@code <prefix>:monitor:<id>} → hash of name and account id, {@code <prefix>:name:monitor:<name>} → set of ids;
 * a deleted monitor is forgotten. Redis errors propagate: the consumer retries the event, a request gets 503.
 */
@Singleton
class Names implements Naming {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final String prefix;

    Names(BeanProvider<StatefulRedisConnection<String, String>> connection, ChatopsSettings settings) {
        this.connection = connection;
        this.prefix = settings.getKeyPrefix();
    }

    /** Names of accounts, hosts and monitors among {@code ids}; ids with no name are left out. */
    @Override
    public Map<String, String> names(Collection<String> ids) {
        var redis = redis();
        Map<String, String> names = new HashMap<>();
        for (String id : ids) {
            String name = redis.get(prefix + ":account-name:" + id);
            if (name == null) {
                name = redis.get(prefix + ":host-name:" + id);
            }
            if (name == null) {
                name = redis.hget(monitorKey(id), "name");
            }
            if (name != null && !name.isBlank()) {
                names.put(id, name);
            }
        }
        return names;
    }

    /** Remembers that account {@code id} is called {@code name}. */
    void learnAccount(String id, String name) {
        var redis = redis();
        redis.set(prefix + ":name:account:" + name, id);
        redis.set(prefix + ":account-name:" + id, name);
    }

    /** Forgets the name of account {@code id}. */
    void forgetAccount(String id) {
        var redis = redis();
        String name = redis.get(prefix + ":account-name:" + id);
        if (name != null && id.equals(redis.get(prefix + ":name:account:" + name))) {
            redis.del(prefix + ":name:account:" + name);
        }
        redis.del(prefix + ":account-name:" + id);
    }

    /** Remembers that host {@code id} is called {@code name}. */
    void learnHost(String id, String name) {
        redis().set(prefix + ":host-name:" + id, name);
    }

    /** Forgets the name of host {@code id}. */
    void forgetHost(String id) {
        redis().del(prefix + ":host-name:" + id);
    }

    /** The id of the account called {@code nameOrId}; an id is taken as it is. */
    Optional<String> account(String nameOrId) {
        String lower = nameOrId.toLowerCase(Locale.ROOT);
        if (ID.matcher(lower).matches()) {
            return Optional.of(lower);
        }
        return Optional.ofNullable(redis().get(prefix + ":name:account:" + nameOrId));
    }

    /** Remembers that monitor {@code id} of account {@code accountId} (null: a platform monitor) is called {@code name}. */
    void learnMonitor(String id, @Nullable String accountId, String name) {
        var redis = redis();
        String old = redis.hget(monitorKey(id), "name");
        if (old != null && !old.equals(name)) {
            redis.srem(monitorNameKey(old), id);
        }
        // an update written before MonitorUpdated carried the account leaves the account known
        String account = accountId != null ? accountId : redis.hget(monitorKey(id), "account");
        redis.hset(monitorKey(id), Map.of("name", name, "account", account == null ? "" : account));
        redis.sadd(monitorNameKey(name), id);
    }

    /** Forgets monitor {@code id}. */
    void forgetMonitor(String id) {
        var redis = redis();
        String name = redis.hget(monitorKey(id), "name");
        if (name != null) {
            redis.srem(monitorNameKey(name), id);
        }
        redis.del(monitorKey(id));
    }

    /**
     * The id of the monitor {@code ref} names: {@code <account>/<name>}, a name only one monitor has, or an id (a
     * UUID, or a monitor the relay knows by that id).
     *
     * @throws Unknown saying, for the person who typed it, why no single monitor is meant
     */
    String monitor(String ref) throws Unknown {
        String lower = ref.toLowerCase(Locale.ROOT);
        if (ID.matcher(lower).matches()) {
            return lower;
        }
        var redis = redis();
        if (redis.exists(monitorKey(ref)) > 0) {
            return ref;
        }
        int slash = ref.indexOf('/');
        String name = slash < 0 ? ref : ref.substring(slash + 1);
        String account = null;
        if (slash >= 0) {
            String accountRef = ref.substring(0, slash);
            account = account(accountRef).orElseThrow(() -> Unknown.account(accountRef));
        }
        String inAccount = account;
        Set<String> named = redis.smembers(monitorNameKey(name));
        List<String> ids = named.stream().filter(id -> inAccount == null
                || inAccount.equals(redis.hget(monitorKey(id), "account"))).sorted().toList();
        if (ids.size() == 1) {
            return ids.getFirst();
        }
        if (ids.isEmpty()) {
            throw new Unknown("No monitor named " + ref + " is known here (the relay learns names from monitoring "
                    + "events); give its id instead.");
        }
        List<String> accounts = ids.stream().map(id -> accountName(redis, redis.hget(monitorKey(id), "account")))
                .distinct().toList();
        throw new Unknown(ids.size() + " monitors are named " + name + " (" + String.join(", ", accounts)
                + "): say <account>/" + name + ", or give the monitor's id.");
    }

    private String accountName(RedisCommands<String, String> redis, @Nullable String accountId) {
        if (accountId == null || accountId.isEmpty()) {
            return "a platform monitor";
        }
        String name = redis.get(prefix + ":account-name:" + accountId);
        return "account " + (name == null ? accountId : name);
    }

    private RedisCommands<String, String> redis() {
        return connection.get().sync();
    }

    private String monitorKey(String id) {
        return prefix + ":monitor:" + id;
    }

    private String monitorNameKey(String name) {
        return prefix + ":name:monitor:" + name;
    }

    /** A name that does not pick one thing; the message is for the person who typed it. */
    static final class Unknown extends Exception {
        Unknown(String message) {
            super(message);
        }

        static Unknown account(String name) {
            return new Unknown("No account named " + name + " is known here (the relay learns names from provisioning "
                    + "events); give its id instead.");
        }
    }
}
