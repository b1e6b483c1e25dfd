package io.mooring.chatops;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.testing.EventTopics;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the relay's integration tests share: a relay on the stack's Kafka and TLS Redis (random port, a key prefix of
 * its own, an operator and a read token), a {@link WebhookReceiver} standing in for the chats, and the topics the
 * test publishes to, created before its tests and closed after them. A subclass is a {@code @MicronautTest}, names
 * its key prefix and topics in the constructor, and adds its own settings in {@link #settings(Map)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RelayIT implements TestPropertyProvider {
    protected static final Duration PATIENCE = Duration.ofSeconds(60);
    protected static final String OPERATOR = "it-operator-token";
    protected static final String READER = "it-read-token";

    protected final WebhookReceiver receiver = new WebhookReceiver();
    protected EventTopics events;
    /** The relay's API, once the relay runs. */
    protected RelayApi api;

    @Inject
    @Client("/")
    protected HttpClient http;

    private final String name;
    private final List<String> topics;
    private Map<String, String> properties;

    /**
     * @param name   what the key prefix starts with ({@code it-<name>-<uuid>})
     * @param topics the topics the test publishes to (none: {@link #events} stays null)
     */
    protected RelayIT(String name, String... topics) {
        this.name = name;
        this.topics = List.of(topics);
    }

    /** The test's own settings: targets, delivery pace, timeouts. */
    protected abstract void settings(Map<String, String> properties);

    @Override
    public final Map<String, String> getProperties() {
        if (properties == null) {
            Map<String, String> all = new HashMap<>(Servers.properties(ServerKind.KAFKA, ServerKind.REDIS));
            all.put("micronaut.server.port", "-1");
            all.put("mooring.auth.operator-tokens", OPERATOR);
            all.put("mooring.auth.read-tokens", READER);
            all.put("mooring.chatops.key-prefix", "it-" + name + "-" + UUID.randomUUID());
            settings(all);
            properties = Map.copyOf(all);
        }
        return properties;
    }

    /** Adds the settings target {@code mooring.chatops.webhooks[index]}; {@code eventTypes} may be null (all events). */
    protected static void target(Map<String, String> properties, int index, String name, String kind, String url,
                                 String eventTypes) {
        String prefix = "mooring.chatops.webhooks[" + index + "].";
        properties.put(prefix + "name", name);
        properties.put(prefix + "kind", kind);
        properties.put(prefix + "url", url);
        if (eventTypes != null) {
            properties.put(prefix + "event-types", eventTypes);
        }
    }

    @BeforeAll
    void createTopics() {
        api = new RelayApi(http);
        events = topics.isEmpty() ? null : new EventTopics().create(topics.toArray(String[]::new));
    }

    @AfterAll
    void closeTopicsAndReceiver() {
        if (events != null) {
            events.close();
        }
        receiver.close();
    }
}
