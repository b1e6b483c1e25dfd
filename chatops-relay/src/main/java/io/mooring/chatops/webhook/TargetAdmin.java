package io.mooring.chatops.webhook;

import io.mooring.chatops.queue.TargetQueues;
import io.mooring.chatops.queue.TargetWorkers;
import io.mooring.chatops.route.Route;
import io.mooring.chatops.route.Routes;
import io.mooring.runtime.http.ProblemException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Creates, changes and deletes stored targets (for the API and the targets file). Deleting one stops its worker and
 * removes its queue, every message in it logged as {@code purged}. Throws {@code LedgerUnavailableException} while
 * Redis is unreachable.
 */
@Singleton
public class TargetAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TargetAdmin.class);

    private final WebhookTargets targets;
    private final TargetStore store;
    private final TargetQueues queues;
    private final TargetWorkers workers;
    private final Routes routes;
    private final Clock clock;

    TargetAdmin(WebhookTargets targets, TargetStore store, TargetQueues queues, TargetWorkers workers, Routes routes,
                Clock clock) {
        this.targets = targets;
        this.store = store;
        this.queues = queues;
        this.workers = workers;
        this.routes = routes;
        this.clock = clock;
    }

    /** Creates a target from the API; a name taken (by the settings or the store) is a 409. */
    public ManagedTarget create(TargetSpec spec) {
        Instant now = clock.instant();
        ManagedTarget target = TargetRules.check(spec, ManagedTarget.API, now, now);
        if (targets.isConfigured(target.name()) || !store.create(target)) {
            throw ProblemException.conflict("target-exists", "a target named " + target.name() + " exists already");
        }
        LOG.info("target {} created", target);
        targets.changed();
        workers.targetsChanged();
        return target;
    }

    /**
     * Changes a target of the API: the fields given replace the stored ones ({@code secrets} key by key: a secret not
     * given is kept), the name stays.
     */
    public ManagedTarget update(String name, TargetSpec patch) {
        ManagedTarget existing = apiOwned(name);
        TargetSpec old = existing.spec();
        if (patch.name() != null && !patch.name().equals(name)) {
            throw ProblemException.invalid("name", "cannot be changed; create a target of the new name instead");
        }
        Map<String, String> secrets = new TreeMap<>(old.secrets());
        if (patch.secrets() != null) {
            secrets.putAll(patch.secrets());
        }
        TargetSpec merged = new TargetSpec(name, patch.kind() == null ? old.kind() : patch.kind(), secrets,
                patch.options() == null ? old.options() : patch.options(),
                patch.eventTypes() == null ? old.eventTypes() : patch.eventTypes(),
                patch.delivery() == null ? old.delivery() : patch.delivery());
        ManagedTarget updated = TargetRules.check(merged, ManagedTarget.API, existing.createdAt(), clock.instant());
        store.put(updated);
        LOG.info("target {} changed", updated);
        targets.changed();
        workers.targetsChanged();
        return updated;
    }

    /** Deletes a target of the API; one that routes lead to is a 409 naming them. */
    public void delete(String name) {
        apiOwned(name);
        List<Route> leading = routes.leadingTo(name);
        if (!leading.isEmpty()) {
            throw ProblemException.conflict("target-in-use", "routes " + leading.stream().map(r -> r.id().toString()).toList()
                    + " lead to target " + name + "; change or delete them first");
        }
        remove(name, "target deleted");
    }

    /** Removes a stored target whatever its source: its worker stops, its queue is purged (logged) and removed. */
    public void remove(String name, String reason) {
        store.delete(name);
        targets.changed();
        workers.stop(name);
        long purged = queues.drop(name, reason, clock.instant());
        LOG.info("target {} deleted ({}); {} queued message(s) logged as purged", name, reason, purged);
        workers.targetsChanged();
    }

    /** The stored target of the API named so: 404 when there is none, 409 when it comes from the settings or the file. */
    public ManagedTarget apiOwned(String name) {
        Optional<ManagedTarget> target = targets.find(name);
        if (target.isEmpty()) {
            throw ProblemException.notFound("target", name);
        }
        return readOnly(target.get());
    }

    private static ManagedTarget readOnly(ManagedTarget target) {
        if (!ManagedTarget.API.equals(target.source())) {
            throw ProblemException.conflict("read-only", "target " + target.name() + " comes from the "
                    + (ManagedTarget.FILE.equals(target.source()) ? "targets file" : "settings") + "; change it there");
        }
        return target;
    }
}
