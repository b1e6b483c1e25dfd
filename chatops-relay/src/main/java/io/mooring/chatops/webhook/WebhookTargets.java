package io.mooring.chatops.webhook;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.mooring.chatops.delivery.LedgerUnavailableException;
import io.mooring.chatops.queue.TargetDelivery;
import io.mooring.runtime.http.ProblemException;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every target: those of the settings, checked when the service starts (a bad entry stops the start with a message
 * naming the setting), then those created by the API or the targets file ({@link TargetStore}, in Redis, read again
 * at most once a second, so that every relay follows a change within a second). Settings targets come from the {@code mooring.chatops.webhooks}
 * list and, for a quick setup, one more from {@code mooring.chatops.webhook.url} ({@code MOORING_CHATOPS_WEBHOOK_URL}).
 */
@Context
public class WebhookTargets {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookTargets.class);
    static final String SINGLE = "mooring.chatops.webhook";
    static final String SINGLE_DEFAULT_NAME = "default";

    private final List<ManagedTarget> configured;
    private final BeanProvider<TargetStore> store;
    /** The stored targets as last read, and when (nanoTime): read again after {@link #FRESH_NANOS} or a change. */
    private volatile List<ManagedTarget> stored;
    private volatile long storedAt;
    static final long FRESH_NANOS = 1_000_000_000L;

    @Inject
    public WebhookTargets(List<WebhookSettings> listed,
                          @Nullable @Property(name = SINGLE + ".url") String singleUrl,
                          @Nullable @Property(name = SINGLE + ".kind") String singleKind,
                          @Nullable @Property(name = SINGLE + ".name") String singleName,
                          @Nullable @Property(name = SINGLE + ".event-types") List<String> singleEventTypes,
                          BeanProvider<TargetStore> store) {
        this(configured(listed, singleUrl, singleKind, singleName, singleEventTypes), store);
    }

    WebhookTargets(List<ManagedTarget> configured, BeanProvider<TargetStore> store) {
        Set<String> names = new HashSet<>();
        for (ManagedTarget target : configured) {
            if (!names.add(target.name())) {
                throw new ConfigurationException("two webhook targets are named '" + target.name()
                        + "'; names must be unique (they key the dedupe marks)");
            }
        }
        this.configured = List.copyOf(configured);
        this.store = store;
        if (this.configured.isEmpty()) {
            LOG.info("no webhook targets in the settings (mooring.chatops.webhooks or MOORING_CHATOPS_WEBHOOK_URL): "
                    + "events are posted to the targets created by the API or the targets file only");
        } else {
            LOG.info("posting events to {}", this.configured);
        }
    }

    /** The targets of the settings, in their order. */
    public List<ManagedTarget> configured() {
        return configured;
    }

    /**
     * The targets of the settings, then the stored ones by name; a stored target named like a settings target is left
     * out. Throws {@link LedgerUnavailableException} while Redis is unreachable.
     */
    public List<ManagedTarget> managed() {
        Set<String> names = new HashSet<>();
        configured.forEach(t -> names.add(t.name()));
        return Stream.concat(configured.stream(), stored().stream().filter(t -> !names.contains(t.name()))).toList();
    }

    /** The stored targets, read from Redis at most once a second (and at once after {@link #changed()}). */
    private List<ManagedTarget> stored() {
        List<ManagedTarget> known = stored;
        if (known == null || System.nanoTime() - storedAt > FRESH_NANOS) {
            known = store.get().all();
            stored = known;
            storedAt = System.nanoTime();
        }
        return known;
    }

    /** Forgets the stored targets read last: the next call reads them again (after this relay changed them). */
    public void changed() {
        stored = null;
    }

    public List<WebhookTarget> all() {
        return managed().stream().map(ManagedTarget::target).toList();
    }

    public Optional<ManagedTarget> find(String name) {
        Optional<ManagedTarget> setting = configured.stream().filter(t -> t.name().equals(name)).findFirst();
        return setting.isPresent() ? setting : store.get().find(name);
    }

    public boolean isConfigured(String name) {
        return configured.stream().anyMatch(t -> t.name().equals(name));
    }

    /** The targets that want events of {@code type} while there is no route. */
    public List<ManagedTarget> accepting(String type) {
        return managed().stream().filter(t -> t.target().accepts(type)).toList();
    }

    static List<WebhookTarget> parse(List<WebhookSettings> listed, String singleUrl, String singleKind,
                                     String singleName, List<String> singleEventTypes) {
        return configured(listed, singleUrl, singleKind, singleName, singleEventTypes).stream()
                .map(ManagedTarget::target).toList();
    }

    static List<ManagedTarget> configured(List<WebhookSettings> listed, String singleUrl, String singleKind,
                                          String singleName, List<String> singleEventTypes) {
        List<ManagedTarget> targets = new ArrayList<>();
        for (WebhookSettings entry : listed.stream().sorted(Comparator.comparingInt(WebhookSettings::getIndex)).toList()) {
            String path = "mooring.chatops.webhooks[" + entry.getIndex() + "]";
            WebhookTarget target = parse(path, entry.getName(), entry.getUrl(), entry.getKind(), entry.getEventTypes(),
                    entry.getToken(), entry.getChannel(), entry.getSecret());
            targets.add(new ManagedTarget(target, ManagedTarget.SETTINGS, TargetRules.optionsOf(target),
                    TargetRules.secretNamesOf(target), delivery(path, entry.delivery()), null, null, null));
        }
        if (singleUrl != null && !singleUrl.isBlank()) {
            String name = singleName == null || singleName.isBlank() ? SINGLE_DEFAULT_NAME : singleName.strip();
            WebhookTarget target = parse(SINGLE, name, singleUrl, singleKind, singleEventTypes, null, null, null);
            targets.add(new ManagedTarget(target, ManagedTarget.SETTINGS, TargetRules.optionsOf(target),
                    TargetRules.secretNamesOf(target), TargetDelivery.NONE, null, null, null));
        }
        return targets;
    }

    private static TargetDelivery delivery(String path, TargetDelivery given) {
        try {
            return TargetDelivery.checked(given, "delivery");
        } catch (ProblemException e) {
            // the problem names delivery.<field>; the settings spell it in kebab case under the entry
            String message = e.getMessage().substring("delivery.".length());
            String field = message.substring(0, message.indexOf(':'));
            throw new ConfigurationException(path + "." + field.replaceAll("([A-Z])", "-$1").toLowerCase()
                    + message.substring(field.length()));
        }
    }

    private static WebhookTarget parse(String path, String name, String url, String kind, List<String> eventTypes,
                                       String token, String channel, String secret) {
        try {
            return WebhookTarget.parse(name, url, kind, eventTypes, token, channel, secret);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(path + "." + e.getMessage());
        }
    }
}
