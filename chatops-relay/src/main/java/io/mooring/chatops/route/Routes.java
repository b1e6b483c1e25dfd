package io.mooring.chatops.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.mooring.chatops.ChatopsSettings;
import io.mooring.chatops.delivery.LedgerUnavailableException;
import io.mooring.chatops.webhook.ManagedTarget;
import io.mooring.chatops.webhook.WebhookTargets;
import io.mooring.events.ReceivedEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The routes, in the Redis hash {@code <prefix>:routes} (id → JSON), shared by every relay. While there is none,
 * each target takes the events its {@code event-types} prefixes name; once there are routes, an event goes to the
 * targets of the routes it matches, and to no other. Methods throw {@link LedgerUnavailableException} while Redis is
 * unreachable.
 */
@Singleton
public class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
    private static final ObjectMapper PAYLOAD = new ObjectMapper();

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final JsonMapper json;
    private final WebhookTargets targets;
    private final String key;

    public Routes(BeanProvider<StatefulRedisConnection<String, String>> connection, JsonMapper json,
                  WebhookTargets targets, ChatopsSettings settings) {
        this.connection = connection;
        this.json = json;
        this.targets = targets;
        this.key = settings.getKeyPrefix() + ":routes";
    }

    /** Every route, oldest first (ids are time-ordered). */
    public List<Route> all() {
        return call(redis -> redis.hvals(key)).stream().flatMap(this::read)
                .sorted(Comparator.comparing(Route::id)).toList();
    }

    public Optional<Route> find(UUID id) {
        return Optional.ofNullable(call(redis -> redis.hget(key, id.toString()))).flatMap(v -> read(v).findFirst());
    }

    public void save(Route route) {
        String value = write(route);
        call(redis -> redis.hset(key, route.id().toString(), value));
    }

    public boolean delete(UUID id) {
        return call(redis -> redis.hdel(key, id.toString())) > 0;
    }

    /** The targets an event goes to: settings targets in their order, then the others by name. */
    public List<ManagedTarget> targetsFor(ReceivedEvent event) {
        List<Route> routes = all();
        if (routes.isEmpty()) {
            return targets.accepting(event.type());
        }
        JsonNode data = payload(event.rawData());
        Set<String> names = new HashSet<>();
        routes.stream().filter(r -> r.matches(event.type(), event.subject(), data)).forEach(r -> names.addAll(r.targets()));
        return targets.managed().stream().filter(t -> names.contains(t.name())).toList();
    }

    /** The routes that send events to {@code target}. */
    public List<Route> leadingTo(String target) {
        return all().stream().filter(r -> r.targets().contains(target)).toList();
    }

    private static @Nullable JsonNode payload(byte[] raw) {
        try {
            return raw == null || raw.length == 0 ? null : PAYLOAD.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(connection.get().sync());
        } catch (RedisException | BeanInstantiationException e) {
            throw new LedgerUnavailableException(e);
        }
    }

    private String write(Route route) {
        try {
            return json.writeValueAsString(route);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Stream<Route> read(String value) {
        try {
            return Stream.of(json.readValue(value, Route.class));
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping an unreadable route: {}", e.getMessage());
            return Stream.empty();
        }
    }
}
