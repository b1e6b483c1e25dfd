package io.mooring.chatops.webhook;

import io.micronaut.core.annotation.Nullable;
import io.mooring.chatops.queue.TargetDelivery;
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
import java.util.Set;
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
     * Changes a target of the API by a JSON merge patch (RFC 7396): a member of {@code members} (the patch's members,
     * nested ones as {@code delivery.burst}) replaces the stored value, one set to null clears it to its default, one
     * left out stays. {@code secrets}, {@code options} and {@code delivery} are merged key by key (a secret not given
     * is kept); {@code eventTypes} is replaced as a whole; the name stays.
     */
    public ManagedTarget update(String name, TargetSpec patch, Set<String> members) {
        ManagedTarget existing = apiOwned(name);
        TargetSpec old = existing.spec();
        if (members.contains("name") && !name.equals(patch.name())) {
            throw ProblemException.invalid("name", "cannot be changed; create a target of the new name instead");
        }
        TargetSpec merged = new TargetSpec(name, members.contains("kind") ? patch.kind() : old.kind(),
                merge("secrets", old.secrets(), patch.secrets(), members),
                merge("options", old.options(), patch.options(), members),
                members.contains("eventTypes") ? patch.eventTypes() : old.eventTypes(),
                delivery(old.delivery(), patch.delivery(), members));
        ManagedTarget updated = TargetRules.check(merged, ManagedTarget.API, existing.createdAt(), clock.instant());
        store.put(updated);
        LOG.info("target {} changed", updated);
        targets.changed();
        workers.targetsChanged();
        return updated;
    }

    /** A map member merged key by key: {@code field} null clears it, {@code field.key} null removes the key. */
    private static Map<String, String> merge(String field, @Nullable Map<String, String> old,
                                             @Nullable Map<String, String> patch, Set<String> members) {
        if (!members.contains(field)) {
            return old;
        }
        Map<String, String> merged = new TreeMap<>(patch == null || old == null ? Map.of() : old);
        if (patch != null) {
            for (String member : members) {
                if (member.startsWith(field + ".")) {
                    String key = member.substring(field.length() + 1);
                    String value = patch.get(key);
                    if (value == null) {
                        merged.remove(key);
                    } else {
                        merged.put(key, value);
                    }
                }
            }
        }
        return merged;
    }

    /** {@code delivery} merged field by field: a field set to null, or {@code delivery} null, takes the global setting. */
    private static @Nullable TargetDelivery delivery(@Nullable TargetDelivery old, @Nullable TargetDelivery patch,
                                                     Set<String> members) {
        if (!members.contains("delivery")) {
            return old;
        }
        if (patch == null) {
            return TargetDelivery.NONE;
        }
        TargetDelivery base = old == null ? TargetDelivery.NONE : old;
        return new TargetDelivery(
                members.contains("delivery.ratePerSecond") ? patch.ratePerSecond() : base.ratePerSecond(),
                members.contains("delivery.burst") ? patch.burst() : base.burst(),
                members.contains("delivery.groupWait") ? patch.groupWait() : base.groupWait(),
                members.contains("delivery.giveUpAfter") ? patch.giveUpAfter() : base.giveUpAfter());
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
