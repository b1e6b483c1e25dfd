package io.mooring.runtime.idempotency;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Idempotency keys in Redis (over TLS). A request claims its key with {@code SET NX} and a short
 * TTL, then replaces the claim with its response (kept for {@code ttl}); both steps compare the
 * stored value first, so a late request never overwrites another one's claim or result.
 */
@Singleton
public class IdempotencyKeys {
    // replace (or delete, when ARGV[2] is empty) the value only if it still is ARGV[1]
    private static final String SWAP = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
            return 1
            """;

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final JsonMapper json;
    private final Duration claimTtl;
    private final Duration ttl;

    public IdempotencyKeys(BeanProvider<StatefulRedisConnection<String, String>> connection, JsonMapper json,
                           @Value("${mooring.idempotency.claim-ttl:60s}") Duration claimTtl,
                           @Value("${mooring.idempotency.ttl:24h}") Duration ttl) {
        this.connection = connection;
        this.json = json;
        this.claimTtl = claimTtl;
        this.ttl = ttl;
    }

    /** The outcome of trying to claim a key. */
    public sealed interface Claim {
        /** This request owns the key now; {@code value} is what it stored. */
        record Claimed(String value) implements Claim {
        }

        /** Another request with this key finished; replay its response. */
        record Completed(StoredRequest request) implements Claim {
        }

        /** Another request with this key is still running. */
        record InProgress() implements Claim {
        }

        /** The key was used for a different request. */
        record Mismatch() implements Claim {
        }
    }

    /** Throws {@link io.lettuce.core.RedisException} (or the connection's failure) when Redis does not answer. */
    public Claim claim(String key, String fingerprint, String claimId) {
        RedisCommands<String, String> redis = connection.get().sync();
        String value = write(StoredRequest.claimed(fingerprint, claimId));
        for (int attempt = 0; attempt < 3; attempt++) {
            if ("OK".equals(redis.set(key, value, SetArgs.Builder.nx().px(claimTtl.toMillis())))) {
                return new Claim.Claimed(value);
            }
            String existing = redis.get(key);
            if (existing != null) {
                StoredRequest stored = read(existing);
                if (!stored.fingerprint().equals(fingerprint)) {
                    return new Claim.Mismatch();
                }
                return stored.inProgress() ? new Claim.InProgress() : new Claim.Completed(stored);
            }
            // expired between SET and GET: try again
        }
        return new Claim.InProgress();
    }

    /** Replaces this request's claim with its response. */
    public void complete(String key, String claimValue, StoredRequest response) {
        swap(key, claimValue, write(response), ttl);
    }

    /** Gives the key up (the request failed), so a retry runs again. */
    public void release(String key, String claimValue) {
        swap(key, claimValue, "", Duration.ZERO);
    }

    private void swap(String key, String expected, String replacement, Duration expiry) {
        connection.get().sync().eval(SWAP, ScriptOutputType.INTEGER, new String[]{key},
                expected, replacement, Long.toString(expiry.toMillis()));
    }

    private String write(StoredRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoredRequest read(String value) {
        try {
            return json.readValue(value, StoredRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable idempotency record", e);
        }
    }
}
