package io.mooring.provisioner.resource;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.provisioning.ResourceKind;
import io.mooring.events.provisioning.ResourceRequested;
import io.mooring.provisioner.operation.Operation;
import io.mooring.provisioner.operation.OperationRepository;
import io.mooring.provisioner.resource.driver.PostgresDatabaseDriver;
import io.mooring.provisioner.resource.driver.ResourceDriver;
import io.mooring.provisioner.resource.driver.ResourceDrivers;
import io.mooring.provisioner.resource.driver.SiteDriver;
import io.mooring.runtime.Ids;
import io.mooring.runtime.http.Problem;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts requests to create and delete resources: checks the account and its quota, records the
 * resource and an operation for the worker, and the event, in one transaction.
 */
@Singleton
public class ResourceService {
    public static final String CREATE = "resource.create";
    public static final String DELETE = "resource.delete";
    public static final String ROTATE_CREDENTIALS = "resource.rotate-credentials";
    /** The step a create or delete operation's driver call is reported under. */
    public static final String PROVISION_STEP = "provision";
    public static final String DEPROVISION_STEP = "deprovision";
    public static final String ROTATE_STEP = "rotate";

    private final ResourceRepository resources;
    private final OperationRepository operations;
    private final AccountQuotas accounts;
    private final ResourceDrivers drivers;
    private final Outbox outbox;
    private final JdbcOperations jdbc;
    private final Clock clock;

    public ResourceService(ResourceRepository resources, OperationRepository operations, AccountQuotas accounts,
                           ResourceDrivers drivers, Outbox outbox, JdbcOperations jdbc, Clock clock) {
        this.resources = resources;
        this.operations = operations;
        this.accounts = accounts;
        this.drivers = drivers;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A resource and the operation working on it. */
    public record Accepted(Resource resource, Operation operation) {
    }

    @Transactional
    public Accepted request(UUID accountId, ResourceRequest request) {
        AccountQuota account = accounts.lock(accountId).orElseThrow(() -> ProblemException.notFound("account", accountId));
        if (!account.ready()) {
            throw ProblemException.conflict("account-not-ready",
                    "account " + accountId + " is " + account.state() + "; resources can only be added to a READY account");
        }
        ResourceKind kind = request.kind();
        String name = request.name().value();
        ResourceDriver driver = drivers.of(kind);
        if (!driver.available()) {
            throw ProblemException.conflict("kind-unavailable", "no server for " + kind.wireName() + " resources is configured");
        }
        checkQuota(account, kind);
        if (resources.existsByAccountIdAndKindAndNameAndStateNotEqual(accountId, kind.wireName(), name, Resource.State.DELETED)) {
            throw ProblemException.conflict("resource-exists", "the account already has a " + kind.wireName() + " named " + name);
        }
        Map<String, String> spec = new HashMap<>(driver.names(accountId, name));
        if (kind == ResourceKind.SITE) {
            String domain = request.domain().value();
            jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))", ps -> {
                ps.setString(1, "mooring.site-domain:" + domain);
                return ps.executeQuery().next();
            });
            if (resources.siteDomainTaken(domain)) {
                throw new ProblemException(HttpStatus.CONFLICT, "domain-taken", "Conflict", "domain " + domain + " is already served by a site",
                        List.of(new Problem.FieldError("domain", "is already served by another site")));
            }
            spec.put(SiteDriver.DOMAIN, domain);
            spec.put(SiteDriver.UPSTREAM, request.upstream().value());
        }
        if (kind == ResourceKind.POSTGRES_DATABASE) {
            spec.put(PostgresDatabaseDriver.CONNECTION_LIMIT, Integer.toString(account.dbConnectionLimit()));
        }
        Instant now = clock.instant();
        Resource resource = resources.save(new Resource(Ids.next(), accountId, kind.wireName(), name, Resource.State.REQUESTED,
                spec, null, null, now, now));
        Operation operation = operations.save(Operation.scheduled(Ids.next(), CREATE, resource.id(), List.of(
                new Operation.Step("validate", Operation.StepState.DONE, null, now),
                new Operation.Step(PROVISION_STEP, Operation.StepState.PENDING, null, now)), now));
        outbox.append(new ResourceRequested(accountId.toString(), resource.id().toString(), kind.wireName(), name));
        return new Accepted(resource, operation);
    }

    private void checkQuota(AccountQuota account, ResourceKind kind) {
        AccountQuota.Limit limit = account.limit(kind);
        long used = resources.countByAccountIdAndKindAndStateInList(account.accountId(), kind.wireName(), Resource.State.COUNTED);
        if (used >= limit.value()) {
            String message = "plan " + account.plan() + " allows " + limit.value() + " " + kind.wireName()
                    + " resource(s) and the account has " + used;
            throw new ProblemException(HttpStatus.CONFLICT, "quota-exceeded", "Quota exceeded", limit.name() + ": " + message,
                    List.of(new Problem.FieldError(limit.name(), message)));
        }
    }

    /**
     * Starts giving a ready database or Redis namespace a new password, to be shown once like the
     * first. The account may be READY or SUSPENDED: a suspended account stays suspended, because
     * rotating never touches whether the tenant may log in.
     */
    @Transactional
    public Accepted rotateCredentials(UUID accountId, UUID resourceId) {
        AccountQuota account = accounts.lock(accountId).orElseThrow(() -> ProblemException.notFound("account", accountId));
        if (!account.ready() && !"SUSPENDED".equals(account.state())) {
            throw ProblemException.conflict("account-not-ready",
                    "account " + accountId + " is " + account.state()
                            + "; credentials can only be rotated for a READY or SUSPENDED account");
        }
        Resource resource = resources.lockById(resourceId).filter(r -> r.accountId().equals(accountId))
                .orElseThrow(() -> ProblemException.notFound("resource", resourceId));
        if (!drivers.of(resource.resourceKind()).hasCredentials()) {
            throw ProblemException.conflict("no-credentials", resource.kind() + " resources have no credentials to rotate");
        }
        if (resource.state() != Resource.State.READY) {
            throw ProblemException.conflict("resource-not-ready",
                    "resource " + resourceId + " is " + resource.state() + "; credentials can only be rotated when it is READY");
        }
        Instant now = clock.instant();
        Operation operation = operations.save(Operation.scheduled(Ids.next(), ROTATE_CREDENTIALS, resourceId,
                List.of(new Operation.Step(ROTATE_STEP, Operation.StepState.PENDING, null, now)), now));
        return new Accepted(resource, operation);
    }

    /**
     * Starts deleting a resource; idempotent. A resource being deleted or already deleted answers with
     * the operation that deletes it. A resource still being created has its create operation cancelled;
     * the deletion waits until any attempt of it in flight has ended (its lease), then removes whatever
     * it made.
     */
    @Transactional
    public Accepted delete(UUID accountId, UUID resourceId) {
        if (accounts.find(accountId).isEmpty()) {
            throw ProblemException.notFound("account", accountId);
        }
        Resource resource = resources.lockById(resourceId).filter(r -> r.accountId().equals(accountId))
                .orElseThrow(() -> ProblemException.notFound("resource", resourceId));
        if (resource.state() == Resource.State.DELETED) {
            return operations.findFirstByTargetIdAndKindOrderByCreatedAtDesc(resourceId, DELETE)
                    .map(operation -> new Accepted(resource, operation))
                    .orElseThrow(() -> ProblemException.notFound("resource", resourceId));
        }
        if (resource.state() == Resource.State.DELETING) {
            Optional<Operation> running = operations.findFirstByTargetIdAndKindOrderByCreatedAtDesc(resourceId, DELETE)
                    .filter(operation -> operation.state() == Operation.State.RUNNING);
            if (running.isPresent()) {
                return new Accepted(resource, running.get());
            }
        }
        Instant now = clock.instant();
        Instant due = now;
        if (resource.state() == Resource.State.REQUESTED || resource.state() == Resource.State.PROVISIONING) {
            Operation create = operations.findFirstByTargetIdAndKindOrderByCreatedAtDesc(resourceId, CREATE)
                    .flatMap(o -> operations.lockById(o.id())).orElse(null);
            if (create != null && create.state() == Operation.State.RUNNING) {
                if (create.nextAttemptAt() != null && create.nextAttemptAt().isAfter(due)) {
                    due = create.nextAttemptAt();
                }
                operations.update(create.withStep(PROVISION_STEP, Operation.StepState.FAILED, "cancelled: the resource is being deleted", now)
                        .failed("cancelled: the resource is being deleted", now));
            }
        }
        Resource deleting = resources.update(resource.deleting(now));
        Operation operation = operations.save(Operation.scheduled(Ids.next(), DELETE, resourceId,
                List.of(new Operation.Step(DEPROVISION_STEP, Operation.StepState.PENDING, null, now)), now).dueAt(due, now));
        return new Accepted(deleting, operation);
    }
}
