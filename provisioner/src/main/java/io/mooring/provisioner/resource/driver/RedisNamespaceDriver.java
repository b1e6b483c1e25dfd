package io.mooring.provisioner.resource.driver;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.mooring.events.provisioning.ResourceKind;
import io.mooring.runtime.redis.RedisConnections;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A Redis ACL user {@code acct_<short id>_<name>} limited to the account's keys and channels
 * ({@code ~acct:<account id>:*}, {@code &acct:<account id>:*}): every command but the
 * {@code @dangerous} and {@code @admin} ones (FLUSHALL, FLUSHDB, KEYS, CONFIG, DEBUG, MONITOR, ...), and
 * not SCAN, RANDOMKEY or PUBSUB, which would reveal other accounts' key and channel names. The user
 * is recreated from scratch ({@code reset}) on every attempt; its password is sent as a SHA-256
 * hash, so the plain text never reaches the server. A user whose key pattern is not this account's is
 * a name collision (a permanent failure) and is left alone.
 *
 * <p>Namespaces of one account share its key prefix; deleting one removes its user, not the keys.
 * After each change {@code ACL SAVE} persists the users when the server has an ACL file.
 */
@Singleton
public class RedisNamespaceDriver implements ResourceDriver {
    public static final String USER = "user";
    public static final String KEY_PREFIX = "keyPrefix";
    static final List<String> COMMAND_RULES = List.of("+@all", "-@dangerous", "-@admin", "-scan", "-randomkey", "-pubsub");
    private static final Logger LOG = LoggerFactory.getLogger(RedisNamespaceDriver.class);
    private static final String NAME_TAKEN = "name already taken on the tenant Redis server";
    private static final Set<String> RETRIABLE_ERRORS = Set.of("LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN", "CLUSTERDOWN");

    private final RedisTarget target;
    private RedisClient client;

    public RedisNamespaceDriver(RedisTarget target) {
        this.target = target;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.REDIS_NAMESPACE;
    }

    @Override
    public boolean available() {
        return target.configured();
    }

    @Override
    public Map<String, String> names(UUID accountId, String name) {
        return Map.of(USER, TenantNames.user(accountId, name), KEY_PREFIX, TenantNames.redisPrefix(accountId));
    }

    @Override
    public Provisioned provision(DriverRequest request) {
        String user = request.required(USER);
        String prefix = request.required(KEY_PREFIX);
        String password = Passwords.generate();
        try (StatefulRedisConnection<String, String> connection = connect()) {
            RedisCommands<String, String> redis = connection.sync();
            List<Object> existing = redis.aclGetuser(user);
            if (exists(existing) && !belongsTo(existing, prefix)) {
                throw DriverFailure.permanent(NAME_TAKEN, "Redis user " + user + " already exists and was not created for this resource");
            }
            CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add("SETUSER").add(user)
                    .add("reset").add("resetchannels").add("on").add("#" + sha256(password))
                    .add("~" + prefix + "*").add("&" + prefix + "*");
            COMMAND_RULES.forEach(args::add);
            target.extraAclRules().forEach(args::add);
            redis.dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8), args);
            save(redis);
        } catch (RedisException e) {
            throw classify("creating Redis user " + user, e);
        }
        LOG.info("resource {}: Redis user {} ready for keys {}*", request.resourceId(), user, prefix);
        RedisURI reached = RedisURI.create(target.publicUri());
        String scheme = reached.isSsl() ? "rediss" : "redis";
        return new Provisioned(scheme + "://" + user + "@" + reached.getHost() + ":" + reached.getPort(), Map.of(),
                credentials(user, password, prefix));
    }

    @Override
    public void deprovision(DriverRequest request) {
        String user = request.required(USER);
        String prefix = request.required(KEY_PREFIX);
        try (StatefulRedisConnection<String, String> connection = connect()) {
            RedisCommands<String, String> redis = connection.sync();
            List<Object> existing = redis.aclGetuser(user);
            if (!exists(existing) || !belongsTo(existing, prefix)) {
                LOG.info("resource {}: no Redis user {} of this resource; nothing to delete", request.resourceId(), user);
                return;
            }
            redis.aclDeluser(user);
            save(redis);
        } catch (RedisException e) {
            throw classify("deleting Redis user " + user, e);
        }
        LOG.info("resource {}: Redis user {} deleted", request.resourceId(), user);
    }

    @Override
    public boolean hasCredentials() {
        return true;
    }

    /** {@code resetpass} and the new hash; {@code on} or {@code off} stays as it is. Open connections stay authenticated. */
    @Override
    public Credentials rotate(DriverRequest request) {
        String user = request.required(USER);
        String prefix = request.required(KEY_PREFIX);
        String password = Passwords.generate();
        try (StatefulRedisConnection<String, String> connection = connect()) {
            RedisCommands<String, String> redis = connection.sync();
            if (!ownUser(redis, user, prefix)) {
                throw DriverFailure.permanent("the resource's user is missing on the tenant Redis server",
                        "Redis user " + user + " does not exist");
            }
            setUser(redis, user, "resetpass", "#" + sha256(password));
            save(redis);
        } catch (RedisException e) {
            throw classify("setting a new password for Redis user " + user, e);
        }
        LOG.info("resource {}: Redis user {} has a new password", request.resourceId(), user);
        return credentials(user, password, prefix);
    }

    /** The user is switched {@code off}, then its connections are killed ({@code CLIENT KILL USER}). */
    @Override
    public AccessChange suspend(DriverRequest request) {
        String user = request.required(USER);
        String prefix = request.required(KEY_PREFIX);
        try (StatefulRedisConnection<String, String> connection = connect()) {
            RedisCommands<String, String> redis = connection.sync();
            if (!ownUser(redis, user, prefix)) {
                return AccessChange.of("no Redis user " + user + " on the server; nothing to block");
            }
            setUser(redis, user, "off");
            save(redis);
            Long killed = redis.dispatch(CommandType.CLIENT, new IntegerOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).add("KILL").add("USER").add(user));
            LOG.info("resource {}: Redis user {} switched off, {} connection(s) killed", request.resourceId(), user, killed);
            return AccessChange.of("Redis user " + user + ": off, " + killed + " connection(s) killed");
        } catch (RedisException e) {
            throw classify("suspending Redis user " + user, e);
        }
    }

    @Override
    public AccessChange resume(DriverRequest request) {
        String user = request.required(USER);
        String prefix = request.required(KEY_PREFIX);
        try (StatefulRedisConnection<String, String> connection = connect()) {
            RedisCommands<String, String> redis = connection.sync();
            if (!ownUser(redis, user, prefix)) {
                return AccessChange.of("no Redis user " + user + " on the server; nothing to restore");
            }
            setUser(redis, user, "on");
            save(redis);
            LOG.info("resource {}: Redis user {} switched on", request.resourceId(), user);
            return AccessChange.of("Redis user " + user + ": on");
        } catch (RedisException e) {
            throw classify("resuming Redis user " + user, e);
        }
    }

    private static boolean ownUser(RedisCommands<String, String> redis, String user, String prefix) {
        List<Object> existing = redis.aclGetuser(user);
        if (!exists(existing)) {
            return false;
        }
        if (!belongsTo(existing, prefix)) {
            throw DriverFailure.permanent(NAME_TAKEN, "Redis user " + user + " exists and was not created for this resource");
        }
        return true;
    }

    private static void setUser(RedisCommands<String, String> redis, String user, String... rules) {
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add("SETUSER").add(user);
        for (String rule : rules) {
            args.add(rule);
        }
        redis.dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8), args);
    }

    private Credentials credentials(String user, String password, String prefix) {
        RedisURI reached = RedisURI.create(target.publicUri());
        String scheme = reached.isSsl() ? "rediss" : "redis";
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("user", user);
        credentials.put("password", password);
        credentials.put("host", reached.getHost());
        credentials.put("port", Integer.toString(reached.getPort()));
        credentials.put("keyPrefix", prefix);
        credentials.put("uri", scheme + "://" + user + ":" + password + "@" + reached.getHost() + ":" + reached.getPort());
        return new Credentials(credentials);
    }

    /** ACL GETUSER answers nil for an unknown user, which Lettuce hands over as a list holding null. */
    static boolean exists(List<Object> user) {
        return user != null && user.stream().anyMatch(Objects::nonNull);
    }

    /** Whether the user's key patterns are exactly this account's prefix (ACL GETUSER, Redis 6.2 or 7). */
    static boolean belongsTo(List<Object> user, String prefix) {
        for (int i = 0; i + 1 < user.size(); i += 2) {
            if ("keys".equals(String.valueOf(user.get(i)))) {
                Object keys = user.get(i + 1);
                List<String> patterns = new ArrayList<>();
                if (keys instanceof List<?> list) {
                    list.forEach(k -> patterns.add(String.valueOf(k)));
                } else if (keys != null) {
                    for (String pattern : String.valueOf(keys).split(" ")) {
                        patterns.add(pattern.startsWith("~") ? pattern.substring(1) : pattern);
                    }
                }
                return patterns.equals(List.of(prefix + "*"));
            }
        }
        return false;
    }

    private static void save(RedisCommands<String, String> redis) {
        try {
            redis.aclSave();
        } catch (RedisCommandExecutionException e) {
            if (!String.valueOf(e.getMessage()).contains("ACL file")) {
                throw e;
            }
            LOG.debug("Redis has no ACL file; users live until it restarts");
        }
    }

    private synchronized StatefulRedisConnection<String, String> connect() {
        if (!target.configured()) {
            throw DriverFailure.permanent("no Redis server is configured",
                    "no Redis target is configured (mooring.provisioner.targets.redis.uri)");
        }
        if (client == null) {
            try {
                client = RedisConnections.create(target.settings());
            } catch (IllegalArgumentException e) {
                throw DriverFailure.permanent("Redis server misconfigured", "Redis target: " + e.getMessage(), e);
            }
        }
        return client.connect();
    }

    static DriverFailure classify(String action, RedisException e) {
        String message = action + ": " + e.getMessage();
        if (e instanceof RedisCommandExecutionException) {
            String code = String.valueOf(e.getMessage()).split(" ", 2)[0];
            if (RETRIABLE_ERRORS.contains(code)) {
                return DriverFailure.retriable("tenant Redis server busy", message, e);
            }
            String summary = code.equals("NOPERM") || code.equals("NOAUTH") || code.equals("WRONGPASS")
                    ? "the provisioner lacks ACL rights on the tenant Redis server" : "tenant Redis server refused the change";
            return DriverFailure.permanent(summary, message, e);
        }
        return DriverFailure.retriable("tenant Redis server unreachable", message, e);
    }

    private static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.shutdown();
            client = null;
        }
    }
}
