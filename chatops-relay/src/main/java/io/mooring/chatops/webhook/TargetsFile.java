package io.mooring.chatops.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.mooring.chatops.delivery.LedgerUnavailableException;
import io.mooring.chatops.route.Route;
import io.mooring.chatops.route.RouteRules;
import io.mooring.chatops.route.RouteRules.RouteRequest;
import io.mooring.chatops.route.Routes;
import io.mooring.runtime.http.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Targets and routes from a file ({@code mooring.chatops.targets-file}, YAML or JSON): {@code targets} and
 * {@code routes} lists, each entry in the API's shape. The file is read and checked when the relay starts (a bad
 * entry stops the start with a message naming the file and the entry), then applied to Redis: its targets are
 * created or replaced ({@code source: file}), its routes created (their id derives from their content), and the
 * targets and routes of an earlier version of the file that it no longer holds are deleted (a deleted target's
 * queued messages logged as {@code purged}). The file is authoritative for its entries: a relay started without one
 * applies an empty file, deleting every target and route whose source is {@code file}. Applying again changes
 * nothing. While Redis is unavailable it is tried again every few seconds.
 */
@Context
public class TargetsFile implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(TargetsFile.class);
    static final String SETTING = "mooring.chatops.targets-file";
    private static final Set<String> SECTIONS = Set.of("targets", "routes");
    private static final ObjectMapper TREE = new ObjectMapper();

    /** The file's content, checked. */
    record Content(List<ManagedTarget> targets, List<Route> routes) {
    }

    private static final Content EMPTY = new Content(List.of(), List.of());

    private final @Nullable Path path;
    private final Content content;
    private final WebhookTargets targets;
    private final BeanProvider<TargetStore> stores;
    private final BeanProvider<TargetAdmin> admins;
    private final BeanProvider<Routes> routeStores;
    private final Clock clock;
    private volatile boolean applied;
    private volatile boolean running = true;
    private Thread retrier;

    @Inject
    TargetsFile(@Nullable @Property(name = SETTING) String file, WebhookTargets targets, BeanProvider<TargetStore> store,
                BeanProvider<TargetAdmin> admin, BeanProvider<Routes> routes, JsonMapper json, Clock clock) {
        this.path = file == null || file.isBlank() ? null : Path.of(file.strip());
        this.targets = targets;
        this.stores = store;
        this.admins = admin;
        this.routeStores = routes;
        this.clock = clock;
        Set<String> configured = new HashSet<>();
        targets.configured().forEach(t -> configured.add(t.name()));
        this.content = path == null ? EMPTY : read(path, json, configured);
    }

    /** Whether the file (without one: the removal of what an earlier file held) was applied to Redis. */
    public boolean applied() {
        return applied;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (retrier != null) {
            return;
        }
        retrier = Thread.ofVirtual().name("chatops-targets-file").start(() -> {
            Duration wait = Duration.ofSeconds(1);
            while (running && !applied) {
                try {
                    apply();
                    applied = true;
                } catch (LedgerUnavailableException e) {
                    LOG.warn("{} not applied yet (Redis unavailable), trying again in {}",
                            path == null ? "removal of the targets file's entries" : "targets file " + path, wait);
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait.multipliedBy(2);
                }
            }
        });
    }

    @PreDestroy
    void stop() {
        running = false;
        if (retrier != null) {
            retrier.interrupt();
        }
    }

    /**
     * Writes the file's targets and routes to Redis and deletes what an earlier version held and this one does not
     * (without a file: everything an earlier file held).
     */
    void apply() {
        TargetStore store = stores.get();
        Routes routes = routeStores.get();
        Instant now = clock.instant();
        Set<String> names = new HashSet<>();
        for (ManagedTarget target : content.targets()) {
            names.add(target.name());
            ManagedTarget existing = store.find(target.name()).orElse(null);
            if (existing != null && ManagedTarget.FILE.equals(existing.source()) && existing.spec().equals(target.spec())) {
                continue;
            }
            if (existing != null && !ManagedTarget.FILE.equals(existing.source())) {
                LOG.warn("target {} of the API is replaced by the one of the targets file {}", target.name(), path);
            }
            store.put(new ManagedTarget(target.target(), ManagedTarget.FILE, target.options(), target.secretNames(),
                    target.delivery(), target.spec(), existing == null ? now : existing.createdAt(), now));
            LOG.info("target {} from the targets file {}", target.name(), path);
        }
        Set<UUID> ids = new HashSet<>();
        for (Route route : content.routes()) {
            ids.add(route.id());
            if (routes.find(route.id()).isEmpty()) {
                routes.save(route);
            }
        }
        for (Route route : routes.all()) {
            if (Route.FILE.equals(route.source()) && !ids.contains(route.id())) {
                routes.delete(route.id());
                LOG.info("route {} deleted: {}", route.id(), removal());
            }
        }
        for (ManagedTarget target : store.all()) {
            if (ManagedTarget.FILE.equals(target.source()) && !names.contains(target.name())) {
                admins.get().remove(target.name(), removal());
            }
        }
        if (path != null) {
            LOG.info("targets file {} applied: {} target(s), {} route(s)", path, content.targets().size(), content.routes().size());
        }
        targets.changed();
    }

    /** Why an entry of an earlier file is deleted (the delivery log's error for its queued messages). */
    private String removal() {
        return path == null ? "the relay started without a targets file" : "target removed from the targets file";
    }

    /** Reads and checks the file; every problem is a {@link ConfigurationException} naming the file and the entry. */
    static Content read(Path path, JsonMapper json, Set<String> configured) {
        Object root;
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (IOException e) {
            throw new ConfigurationException(SETTING + ": cannot read " + path + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ConfigurationException(path + ": not YAML or JSON: " + e.getMessage());
        }
        if (root == null) {
            return new Content(List.of(), List.of());
        }
        if (!(root instanceof Map<?, ?> sections)) {
            throw new ConfigurationException(path + ": must be a mapping with 'targets' and 'routes' lists");
        }
        for (Object key : sections.keySet()) {
            if (!SECTIONS.contains(String.valueOf(key))) {
                throw new ConfigurationException(path + ": unknown section '" + key + "' (expected targets, routes)");
            }
        }
        List<ManagedTarget> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<?> targetEntries = list(path, sections.get("targets"), "targets");
        for (int i = 0; i < targetEntries.size(); i++) {
            String where = path + ": targets[" + i + "]";
            TargetSpec spec = entry(json, targetEntries.get(i), TargetSpec.class, where);
            ManagedTarget target;
            try {
                target = TargetRules.check(spec, ManagedTarget.FILE, null, null);
            } catch (ProblemException e) {
                throw new ConfigurationException(where + named(spec.name()) + ": " + e.getMessage());
            }
            if (configured.contains(target.name()) || !names.add(target.name())) {
                throw new ConfigurationException(where + named(spec.name()) + ": name: another target is named "
                        + target.name() + (configured.contains(target.name()) ? " in the settings" : " in the file"));
            }
            targets.add(target);
        }
        Set<String> known = new HashSet<>(configured);
        known.addAll(names);
        List<Route> routes = new ArrayList<>();
        List<?> routeEntries = list(path, sections.get("routes"), "routes");
        for (int i = 0; i < routeEntries.size(); i++) {
            String where = path + ": routes[" + i + "]";
            RouteRequest request = entry(json, routeEntries.get(i), RouteRequest.class, where);
            Route checked;
            try {
                checked = RouteRules.check(new UUID(0, 0), request, known, Route.FILE, Instant.EPOCH);
            } catch (ProblemException e) {
                throw new ConfigurationException(where + ": " + e.getMessage()
                        + (e.getMessage().startsWith("targets") ? " (a route of the file leads to targets of the file "
                        + "or the settings)" : ""));
            }
            routes.add(new Route(contentId(json, checked), checked.eventTypes(), checked.accountId(), checked.hostId(),
                    checked.subjects(), checked.severities(), checked.targets(), Route.FILE, Instant.EPOCH));
        }
        return new Content(targets, routes);
    }

    /** A file route's id: the same content is the same route, so applying the file again adds nothing. */
    private static UUID contentId(JsonMapper json, Route route) {
        try {
            return UUID.nameUUIDFromBytes(("targets-file-route:" + json.writeValueAsString(route)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String named(@Nullable String name) {
        return name == null || name.length() > 63 ? "" : " (" + name + ")";
    }

    private static List<?> list(Path path, @Nullable Object section, String name) {
        if (section == null) {
            return List.of();
        }
        if (!(section instanceof List<?> entries)) {
            throw new ConfigurationException(path + ": " + name + " must be a list");
        }
        return entries;
    }

    private static <T> T entry(JsonMapper json, Object entry, Class<T> type, String where) {
        if (!(entry instanceof Map<?, ?> map)) {
            throw new ConfigurationException(where + ": must be a mapping");
        }
        try {
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            return json.readValue(TREE.writeValueAsString(fields), type);
        } catch (IOException | RuntimeException e) {
            // the message of a bad value may quote it, and a value may be a secret: say where only
            throw new ConfigurationException(where + ": a field has the wrong type (" + e.getClass().getSimpleName() + ")");
        }
    }
}
