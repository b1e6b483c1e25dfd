package io.mooring.chatops.webhook;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configured webhook targets, checked when the service starts: a bad entry stops the start with
 * a message naming the setting. Targets come from the {@code mooring.chatops.webhooks} list and,
 * for a quick setup, one more from {@code mooring.chatops.webhook.url} ({@code MOORING_CHATOPS_WEBHOOK_URL}).
 */
@Context
public class WebhookTargets {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookTargets.class);
    static final String SINGLE = "mooring.chatops.webhook";
    static final String SINGLE_DEFAULT_NAME = "default";

    private final List<WebhookTarget> targets;

    @Inject
    public WebhookTargets(List<WebhookSettings> listed,
                          @Nullable @Property(name = SINGLE + ".url") String singleUrl,
                          @Nullable @Property(name = SINGLE + ".kind") String singleKind,
                          @Nullable @Property(name = SINGLE + ".name") String singleName,
                          @Nullable @Property(name = SINGLE + ".event-types") List<String> singleEventTypes) {
        this(parse(listed, singleUrl, singleKind, singleName, singleEventTypes));
    }

    WebhookTargets(List<WebhookTarget> targets) {
        Set<String> names = new HashSet<>();
        for (WebhookTarget target : targets) {
            if (!names.add(target.name())) {
                throw new ConfigurationException("two webhook targets are named '" + target.name()
                        + "'; names must be unique (they key the dedupe marks)");
            }
        }
        this.targets = List.copyOf(targets);
        if (this.targets.isEmpty()) {
            LOG.warn("no webhook targets configured (mooring.chatops.webhooks or MOORING_CHATOPS_WEBHOOK_URL): "
                    + "events are consumed but not posted anywhere");
        } else {
            LOG.info("posting events to {}", this.targets);
        }
    }

    public List<WebhookTarget> all() {
        return targets;
    }

    /** The targets that want events of {@code type}, in configuration order. */
    public List<WebhookTarget> accepting(String type) {
        return targets.stream().filter(t -> t.accepts(type)).toList();
    }

    static List<WebhookTarget> parse(List<WebhookSettings> listed, String singleUrl, String singleKind,
                                     String singleName, List<String> singleEventTypes) {
        List<WebhookTarget> targets = new ArrayList<>();
        for (WebhookSettings entry : listed.stream().sorted(Comparator.comparingInt(WebhookSettings::getIndex)).toList()) {
            String path = "mooring.chatops.webhooks[" + entry.getIndex() + "]";
            try {
                targets.add(WebhookTarget.parse(entry.getName(), entry.getUrl(), entry.getKind(), entry.getEventTypes(),
                        entry.getToken(), entry.getChannel(), entry.getSecret()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(path + "." + e.getMessage());
            }
        }
        if (singleUrl != null && !singleUrl.isBlank()) {
            String name = singleName == null || singleName.isBlank() ? SINGLE_DEFAULT_NAME : singleName.strip();
            targets.add(parse(SINGLE, name, singleUrl, singleKind, singleEventTypes));
        }
        return targets;
    }

    private static WebhookTarget parse(String path, String name, String url, String kind, List<String> eventTypes) {
        try {
            return WebhookTarget.parse(name, url, kind, eventTypes);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(path + "." + e.getMessage());
        }
    }
}
