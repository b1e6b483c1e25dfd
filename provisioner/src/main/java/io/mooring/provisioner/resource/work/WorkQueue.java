package io.mooring.provisioner.resource.work;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.provisioning.ResourceDeleted;
import io.mooring.events.provisioning.ResourceFailed;
import io.mooring.events.provisioning.ResourceReady;
import io.mooring.provisioner.operation.OneTimeResults;
import io.mooring.provisioner.operation.Operation;
import io.mooring.provisioner.operation.OperationRepository;
import io.mooring.provisioner.resource.AccountQuotas;
import io.mooring.provisioner.resource.Resource;
import io.mooring.provisioner.resource.ResourceRepository;
import io.mooring.provisioner.resource.ResourceService;
import io.mooring.provisioner.resource.access.AccountAccess;
import io.mooring.provisioner.resource.driver.Credentials;
import io.mooring.provisioner.resource.driver.Provisioned;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The resource operations waiting for a worker, and what happens to them. Each method is one
 * transaction; every resource state change is written with its event. A worker's outcome counts only
 * while it still holds the operation (same attempt, still running): when its lease ran out and another
 * worker took over, or the operation was cancelled, the outcome is dropped.
 */
@Singleton
public class WorkQueue {
    static final List<String> KINDS = List.of(ResourceService.CREATE, ResourceService.DELETE, ResourceService.ROTATE_CREDENTIALS);
    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

    private final OperationRepository operations;
    private final ResourceRepository resources;
    private final OneTimeResults results;
    private final Outbox outbox;
    private final AccountQuotas accounts;
    private final AccountAccess access;
    private final Clock clock;
    private final int maxAttempts;

    public WorkQueue(OperationRepository operations, ResourceRepository resources, OneTimeResults results, Outbox outbox,
                     AccountQuotas accounts, AccountAccess access, Clock clock, WorkerSettings settings) {
        this.accounts = accounts;
        this.access = access;
        this.operations = operations;
        this.resources = resources;
        this.results = results;
        this.outbox = outbox;
        this.clock = clock;
        this.maxAttempts = settings.getMaxAttempts();
    }

    /**
     * The next due operation, held for {@code lease}; replicas skip operations another one is claiming.
     * An operation that already had {@code max-attempts} attempts without an outcome (its workers died
     * or could not record one) fails instead of being tried again.
     */
    @Transactional
    public Optional<Claim> claimNext(Duration lease) {
        Instant now = clock.instant();
        List<Operation> due = operations.lockDue(KINDS, now, 1);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Operation operation = due.get(0);
        Optional<Resource> resource = resources.lockById(operation.targetId());
        if (resource.isEmpty()) {
            operations.update(operation.failed("resource " + operation.targetId() + " does not exist", now));
            return Optional.empty();
        }
        Claim claim = new Claim(operation, resource.get());
        if (claim.rotates() && resource.get().state() != Resource.State.READY) {
            String reason = "resource " + resource.get().id() + " is " + resource.get().state() + ", not READY";
            fail(claim, operation, reason, reason, now);
            return Optional.empty();
        }
        if (operation.attempts() >= maxAttempts) {
            String reason = "gave up after " + operation.attempts() + " attempts that recorded no outcome";
            fail(claim, operation, reason, reason, now);
            return Optional.empty();
        }
        Operation held = operation.attempted(now, now.plus(lease))
                .withStep(claim.step(), Operation.StepState.RUNNING, "attempt " + (operation.attempts() + 1), now);
        operations.update(held);
        Resource target = resource.get();
        if (claim.creates() && target.state() == Resource.State.REQUESTED) {
            target = resources.update(target.provisioning(now));
        }
        return Optional.of(new Claim(held, target));
    }

    @Transactional
    public void provisioned(Claim claim, Provisioned provisioned) {
        Instant now = clock.instant();
        Optional<Operation> held = stillHeld(claim);
        if (held.isEmpty()) {
            return;
        }
        Resource resource = resources.update(resources.lockById(claim.resource().id()).orElseThrow()
                .ready(provisioned.endpoint(), provisioned.reported(), now));
        byte[] sealed = provisioned.credentials() == null ? null : results.seal(claim.operation().id(), provisioned.credentials().values());
        operations.update(held.get().withStep(claim.step(), Operation.StepState.DONE, null, now).succeeded(now, sealed));
        outbox.append(new ResourceReady(resource.accountId().toString(), resource.id().toString(), resource.kind(),
                resource.name(), resource.endpoint()));
        // suspended while the driver made it with login allowed: carry the suspension to it too
        if (accounts.lock(resource.accountId()).filter(a -> "SUSPENDED".equals(a.state())).isPresent()) {
            access.schedule(resource.accountId(), true);
        }
    }

    /** New credentials were set: the operation holds them as its one-time result. */
    @Transactional
    public void rotated(Claim claim, Credentials credentials) {
        Instant now = clock.instant();
        stillHeld(claim).ifPresent(held -> operations.update(held.withStep(claim.step(), Operation.StepState.DONE, null, now)
                .succeeded(now, results.seal(claim.operation().id(), credentials.values()))));
    }

    @Transactional
    public void deprovisioned(Claim claim) {
        Instant now = clock.instant();
        Optional<Operation> held = stillHeld(claim);
        if (held.isEmpty()) {
            return;
        }
        Resource resource = resources.update(resources.lockById(claim.resource().id()).orElseThrow().deleted(now));
        operations.update(held.get().withStep(claim.step(), Operation.StepState.DONE, null, now).succeeded(now));
        outbox.append(new ResourceDeleted(resource.accountId().toString(), resource.id().toString(), resource.kind()));
    }

    /** The attempt failed but may succeed at {@code at}. */
    @Transactional
    public void retryAt(Claim claim, String reason, Instant at) {
        Instant now = clock.instant();
        stillHeld(claim).ifPresent(held -> operations.update(held
                .withStep(claim.step(), Operation.StepState.PENDING,
                        "attempt " + claim.attempt() + " failed: " + reason + "; next attempt at " + at, now)
                .dueAt(at, now)));
    }

    /**
     * The operation ends FAILED. A resource being created fails with it; one being deleted stays DELETING with the reason.
     *
     * @param reason  the details, kept with the operation and the resource
     * @param summary the short classified reason that the event carries
     */
    @Transactional
    public void failed(Claim claim, String reason, String summary) {
        Instant now = clock.instant();
        stillHeld(claim).ifPresent(held -> fail(claim, held, reason, summary, now));
    }

    private void fail(Claim claim, Operation held, String reason, String summary, Instant now) {
        operations.update(held.withStep(claim.step(), Operation.StepState.FAILED, reason, now).failed(reason, now));
        Resource resource = resources.lockById(claim.resource().id()).orElseThrow();
        if (claim.creates()) {
            resource = resources.update(resource.failed(reason, now));
            outbox.append(new ResourceFailed(resource.accountId().toString(), resource.id().toString(), resource.kind(), summary));
        } else if (claim.rotates()) {
            LOG.warn("operation {}: new credentials for resource {} failed: {}", held.id(), resource.id(), reason);
        } else {
            resources.update(resource.deletionFailed(reason, now));
        }
    }

    private Optional<Operation> stillHeld(Claim claim) {
        Optional<Operation> current = operations.lockById(claim.operation().id())
                .filter(o -> o.state() == Operation.State.RUNNING && o.attempts() == claim.attempt());
        if (current.isEmpty()) {
            LOG.info("operation {}: no longer held by this attempt ({}); its outcome is dropped", claim.operation().id(), claim.attempt());
        }
        return current;
    }
}
