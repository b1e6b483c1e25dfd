package io.mooring.chatops.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.chatops.ChatopsSettings;
import io.mooring.chatops.delivery.LedgerUnavailableException;
import io.mooring.runtime.http.ProblemException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The targets created by the API or the targets file, in the Redis hash {@code <prefix>:targets} (name → JSON, the
 * secrets included), shared by every relay. Methods throw {@link LedgerUnavailableException} while Redis is
 * unreachable.
 */
@Singleton
public class TargetStore {
    private static final Logger LOG = LoggerFactory.getLogger(TargetStore.class);

    /** A target as kept in Redis. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stored(TargetSpec spec, String source, Instant createdAt, Instant updatedAt) {
        @Override
        public String toString() {
            return "Stored[" + spec + ", source=" + source + "]";
        }
    }

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final JsonMapper json;
    private final String key;

    public TargetStore(BeanProvider<StatefulRedisConnection<String, String>> connection, JsonMapper json,
                       ChatopsSettings settings) {
        this.connection = connection;
        this.json = json;
        this.key = settings.getKeyPrefix() + ":targets";
    }

    /** The Redis hash holding them. */
    public String key() {
        return key;
    }

    /** Every stored target that this version can read and check, by name. */
    public List<ManagedTarget> all() {
        return call(redis -> redis.hvals(key)).stream().flatMap(this::read)
                .sorted(Comparator.comparing(ManagedTarget::name)).toList();
    }

    public Optional<ManagedTarget> find(String name) {
        return Optional.ofNullable(call(redis -> redis.hget(key, name))).flatMap(v -> read(v).findFirst());
    }

    /** Stores a new target; false when one of that name is stored already. */
    public boolean create(ManagedTarget target) {
        String value = write(target);
        return call(redis -> redis.hsetnx(key, target.name(), value));
    }

    public void put(ManagedTarget target) {
        String value = write(target);
        call(redis -> redis.hset(key, target.name(), value));
    }

    public boolean delete(String name) {
        return call(redis -> redis.hdel(key, name)) > 0;
    }

    private <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(connection.get().sync());
        } catch (RedisException | BeanInstantiationException e) {
            throw new LedgerUnavailableException(e);
        }
    }

    private String write(ManagedTarget target) {
        try {
            return json.writeValueAsString(new Stored(target.spec(), target.source(), target.createdAt(), target.updatedAt()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An entry this version cannot read or no longer accepts is left out (and logged without its secrets). */
    private Stream<ManagedTarget> read(String value) {
        Stored stored;
        try {
            stored = json.readValue(value, Stored.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping an unreadable stored target: {}", e.getClass().getSimpleName());
            return Stream.empty();
        }
        try {
            return Stream.of(TargetRules.check(stored.spec(), stored.source(), stored.createdAt(), stored.updatedAt()));
        } catch (ProblemException e) {
            LOG.warn("skipping stored target {}: {}", stored.spec().name(), e.getMessage());
            return Stream.empty();
        }
    }
}
