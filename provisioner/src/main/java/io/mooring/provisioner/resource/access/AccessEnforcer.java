package io.mooring.provisioner.resource.access;

import io.mooring.provisioner.operation.Operation;
import io.mooring.provisioner.resource.Resource;
import io.mooring.provisioner.resource.driver.AccessChange;
import io.mooring.provisioner.resource.driver.DriverFailure;
import io.mooring.provisioner.resource.driver.DriverRequest;
import io.mooring.provisioner.resource.driver.ResourceDriver;
import io.mooring.provisioner.resource.driver.ResourceDrivers;
import io.mooring.provisioner.resource.work.RetryPolicy;
import io.mooring.provisioner.resource.work.WorkerSettings;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs an access operation of {@link AccountAccess}: each step's driver call happens outside any
 * transaction and is recorded when it returns, so a crash repeats at most the step in flight (driver
 * calls are idempotent). A step that may succeed later stops the attempt, which is retried with the
 * workers' backoff; one that cannot is marked FAILED and the others still run.
 */
@Singleton
public class AccessEnforcer {
    private static final Logger LOG = LoggerFactory.getLogger(AccessEnforcer.class);

    private final AccountAccess access;
    private final ResourceDrivers drivers;
    private final WorkerSettings settings;
    private final RetryPolicy retries;
    private final Clock clock;

    public AccessEnforcer(AccountAccess access, ResourceDrivers drivers, WorkerSettings settings, Clock clock) {
        this.access = access;
        this.drivers = drivers;
        this.settings = settings;
        this.retries = settings.retryPolicy();
        this.clock = clock;
    }

    /** Runs the next due access operation, if any; true when it ran one. */
    public boolean runNext() {
        Optional<AccountAccess.Held> claimed = access.claimNext(settings.getLease());
        if (claimed.isEmpty()) {
            return false;
        }
        AccountAccess.Held held = claimed.get();
        Operation operation = held.operation();
        for (Operation.Step step : operation.steps()) {
            if (step.state() == Operation.StepState.DONE || step.state() == Operation.StepState.FAILED) {
                continue;
            }
            Resource resource = held.resources().get(step.name());
            Optional<Operation> recorded = resource == null
                    ? access.stepSkipped(operation, step.name(), "the resource is gone or being deleted")
                    : apply(held, step.name(), resource);
            if (recorded.isEmpty()) {
                return true; // retried later, or no longer ours
            }
        }
        access.finish(operation);
        return true;
    }

    private Optional<Operation> apply(AccountAccess.Held held, String step, Resource resource) {
        Operation operation = held.operation();
        ResourceDriver driver = drivers.of(resource.resourceKind());
        DriverRequest request = new DriverRequest(resource.id(), resource.accountId(), resource.name(), resource.spec());
        try {
            AccessChange change = held.suspends() ? driver.suspend(request) : driver.resume(request);
            return access.stepDone(operation, step, resource.id(), change, held.suspends());
        } catch (DriverFailure e) {
            return failed(operation, step, e.getMessage(), e.retriable());
        } catch (RuntimeException e) {
            LOG.warn("operation {}: unexpected failure on {}", operation.id(), step, e);
            return failed(operation, step, e.toString(), true);
        }
    }

    private Optional<Operation> failed(Operation operation, String step, String reason, boolean retriable) {
        RetryPolicy.Decision decision = retries.after(operation.attempts(), retriable, reason, clock.instant(),
                ThreadLocalRandom.current().nextDouble());
        return switch (decision) {
            case RetryPolicy.Retry retry -> {
                LOG.warn("operation {} ({} {}), attempt {}: {}; retrying at {}", operation.id(), operation.kind(), step,
                        operation.attempts(), reason, retry.at());
                access.retryAt(operation, step, reason, retry.at());
                yield Optional.empty();
            }
            case RetryPolicy.GiveUp giveUp -> {
                LOG.warn("operation {} ({} {}) failed: {}", operation.id(), operation.kind(), step, giveUp.reason());
                yield access.stepFailed(operation, step, giveUp.reason());
            }
        };
    }
}
