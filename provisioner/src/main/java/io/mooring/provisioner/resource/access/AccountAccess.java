package io.mooring.provisioner.resource.access;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.provisioner.operation.Operation;
import io.mooring.provisioner.operation.OperationRepository;
import io.mooring.provisioner.resource.Resource;
import io.mooring.provisioner.resource.ResourceRepository;
import io.mooring.provisioner.resource.driver.AccessChange;
import io.mooring.provisioner.resource.work.WorkerSettings;
import io.mooring.runtime.Ids;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The operations that carry a suspension or a resume to an account's data: {@code account.suspend}
 * and {@code account.resume}, with one step per resource ({@code <kind> <name>}). They are written in
 * the transaction that changes the account's state and run by the resource workers
 * ({@link AccessEnforcer}). One account's access operations run one at a time in the order they were
 * made, so the last one wins, as the account's state does. Each method is one transaction.
 */
@Singleton
public class AccountAccess {
    public static final String SUSPEND = "account.suspend";
    public static final String RESUME = "account.resume";
    static final List<String> KINDS = List.of(SUSPEND, RESUME);
    /** Resources whose access follows the account's; one being deleted loses it anyway and is never resumed. */
    private static final Set<Resource.State> CONCERNED = Set.of(Resource.State.REQUESTED, Resource.State.PROVISIONING,
            Resource.State.READY);

    private final OperationRepository operations;
    private final ResourceRepository resources;
    private final Clock clock;
    private final int maxAttempts;

    public AccountAccess(OperationRepository operations, ResourceRepository resources, WorkerSettings settings, Clock clock) {
        this.maxAttempts = settings.getMaxAttempts();
        this.operations = operations;
        this.resources = resources;
        this.clock = clock;
    }

    /** Schedules the operation that blocks ({@code suspend}) or restores the account's access, in the caller's transaction. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Operation schedule(UUID accountId, boolean suspend) {
        Instant now = clock.instant();
        List<Operation.Step> steps = concerned(accountId).stream()
                .map(r -> new Operation.Step(stepName(r), Operation.StepState.PENDING, null, now))
                .toList();
        return operations.save(Operation.scheduled(Ids.next(), suspend ? SUSPEND : RESUME, accountId, steps, now));
    }

    /** An access operation held by a worker, and the resources its steps name. */
    public record Held(Operation operation, Map<String, Resource> resources) {
        public boolean suspends() {
            return SUSPEND.equals(operation.kind());
        }
    }

    /**
     * The next due access operation whose account has no older one running, held for {@code lease}.
     * One that already had {@code max-attempts} attempts without an outcome (its workers died) fails.
     */
    @Transactional
    public Optional<Held> claimNext(Duration lease) {
        Instant now = clock.instant();
        Optional<Operation> due = operations.lockNextInTargetOrder(KINDS, now);
        if (due.isPresent() && due.get().attempts() >= maxAttempts) {
            operations.update(due.get().failed("gave up after " + due.get().attempts() + " attempts that recorded no outcome", now));
            return Optional.empty();
        }
        return due.map(operation -> {
            Operation held = operations.update(operation.attempted(now, now.plus(lease)));
            Map<String, Resource> byStep = new HashMap<>();
            concerned(operation.targetId()).forEach(r -> byStep.put(stepName(r), r));
            return new Held(held, byStep);
        });
    }

    /** One resource is done: its step records what happened, and its spec what a suspension must remember. */
    @Transactional
    public Optional<Operation> stepDone(Operation held, String step, UUID resourceId, AccessChange change, boolean suspended) {
        Instant now = clock.instant();
        return stillHeld(held).map(current -> {
            resources.lockById(resourceId).ifPresent(resource -> {
                Map<String, String> spec = new HashMap<>(resource.spec());
                if (suspended) {
                    spec.putAll(change.remember());
                } else {
                    spec.keySet().removeIf(key -> key.startsWith(AccessChange.PREFIX));
                }
                if (!spec.equals(resource.spec())) {
                    resources.update(resource.withSpec(spec, now));
                }
            });
            return operations.update(current.withStep(step, Operation.StepState.DONE, change.detail(), now));
        });
    }

    /** A step whose resource is gone or is being deleted: nothing to do on the server. */
    @Transactional
    public Optional<Operation> stepSkipped(Operation held, String step, String why) {
        Instant now = clock.instant();
        return stillHeld(held).map(current -> operations.update(current.withStep(step, Operation.StepState.DONE, why, now)));
    }

    @Transactional
    public Optional<Operation> stepFailed(Operation held, String step, String reason) {
        Instant now = clock.instant();
        return stillHeld(held).map(current -> operations.update(current.withStep(step, Operation.StepState.FAILED, reason, now)));
    }

    /** The attempt stopped at a step that may succeed later; the steps done stay done. */
    @Transactional
    public void retryAt(Operation held, String step, String reason, Instant at) {
        Instant now = clock.instant();
        stillHeld(held).ifPresent(current -> operations.update(current
                .withStep(step, Operation.StepState.PENDING,
                        "attempt " + held.attempts() + " failed: " + reason + "; next attempt at " + at, now)
                .dueAt(at, now)));
    }

    /** Every step has run: SUCCEEDED, or FAILED naming the steps that failed. */
    @Transactional
    public void finish(Operation held) {
        Instant now = clock.instant();
        stillHeld(held).ifPresent(current -> {
            List<String> failed = current.steps().stream().filter(s -> s.state() == Operation.StepState.FAILED)
                    .map(s -> s.name() + ": " + s.detail()).toList();
            operations.update(failed.isEmpty() ? current.succeeded(now)
                    : current.failed(failed.size() + " step(s) failed: " + String.join("; ", failed), now));
        });
    }

    private Optional<Operation> stillHeld(Operation held) {
        return operations.lockById(held.id())
                .filter(o -> o.state() == Operation.State.RUNNING && o.attempts() == held.attempts());
    }

    private List<Resource> concerned(UUID accountId) {
        return resources.findByAccountIdAndStateNotEqualOrderByCreatedAt(accountId, Resource.State.DELETED).stream()
                .filter(r -> CONCERNED.contains(r.state()))
                .toList();
    }

    static String stepName(Resource resource) {
        return resource.kind() + " " + resource.name();
    }
}
