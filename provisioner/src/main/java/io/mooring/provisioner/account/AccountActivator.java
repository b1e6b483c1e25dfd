package io.mooring.provisioner.account;

import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.provisioning.AccountFailed;
import io.mooring.events.provisioning.AccountPlaced;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.provisioner.operation.Operation;
import io.mooring.provisioner.operation.OperationRepository;
import io.mooring.provisioner.placement.CapacityLedger;
import io.mooring.provisioner.placement.Placement;
import io.mooring.provisioner.plan.Plan;
import io.mooring.provisioner.plan.PlanRepository;
import io.mooring.provisioner.resource.work.BackgroundWork;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Finishes account creations in the background, a batch per transaction: under the placement lock it
 * places the REQUESTED account (hosts may have filled up or been cordoned since the request) and
 * marks it READY, or FAILED with the reason when nothing fits any more. The operation is locked with
 * {@code SKIP LOCKED} and ends in the same transaction, so no account is placed twice and a worker
 * that dies mid-way leaves the operation due.
 */
@Singleton
public class AccountActivator implements BackgroundWork {
    private static final Logger LOG = LoggerFactory.getLogger(AccountActivator.class);
    // placement sees the accounts placed earlier in the same transaction, so a batch never overcommits
    private static final int BATCH = 50;
    static final int MAX_ATTEMPTS = 5;
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final OperationRepository operations;
    private final AccountRepository accounts;
    private final PlanRepository plans;
    private final CapacityLedger ledger;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionOperations<Connection> transactions;

    public AccountActivator(OperationRepository operations, AccountRepository accounts, PlanRepository plans,
                            CapacityLedger ledger, Outbox outbox, Clock clock, TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        this.operations = operations;
        this.accounts = accounts;
        this.plans = plans;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Finishes up to a batch of due creations in one transaction, in the order they were requested.
     * If the batch fails, each creation is tried in a transaction of its own, so one that keeps
     * failing only delays itself.
     */
    @Override
    public boolean runNext() {
        try {
            return transactions.executeWrite(status -> {
                List<Operation> due = lockDue();
                if (due.isEmpty()) {
                    return false;
                }
                ledger.lock();
                due.forEach(this::activate);
                return true;
            });
        } catch (RuntimeException batchFailed) {
            LOG.warn("account activation batch failed, trying each creation alone: {}", batchFailed.toString());
            return activateOneByOne();
        }
    }

    private boolean activateOneByOne() {
        List<UUID> due = transactions.executeWrite(status -> lockDue().stream().map(Operation::id).toList());
        for (UUID id : due) {
            try {
                transactions.executeWrite(status -> {
                    operations.lockById(id).filter(o -> o.state() == Operation.State.RUNNING).ifPresent(operation -> {
                        ledger.lock();
                        activate(operation);
                    });
                    return null;
                });
            } catch (RuntimeException failed) {
                transactions.executeWrite(status -> {
                    operations.lockById(id).ifPresent(operation -> recordFailure(operation, failed));
                    return null;
                });
            }
        }
        return !due.isEmpty();
    }

    /** A failed attempt: due again after a backoff, or given up after {@value #MAX_ATTEMPTS} attempts. */
    private void recordFailure(Operation operation, RuntimeException cause) {
        Instant now = clock.instant();
        Operation attempted = operation.attempted(now, now);
        String reason = "internal error: " + cause.getMessage();
        if (attempted.attempts() < MAX_ATTEMPTS) {
            Duration wait = RETRY.multipliedBy(1L << (attempted.attempts() - 1));
            LOG.warn("account creation {} failed (attempt {}), retrying in {}: {}", operation.id(), attempted.attempts(), wait, cause.toString());
            operations.update(attempted.dueAt(now.plus(wait), now));
            return;
        }
        LOG.error("account creation {} failed {} times, giving up", operation.id(), attempted.attempts(), cause);
        operations.update(attempted.withStep(AccountCreation.PLACE_STEP, Operation.StepState.FAILED, reason, now).failed(reason, now));
        accounts.findByIdForUpdate(operation.targetId())
                .filter(account -> account.state() == Account.State.REQUESTED)
                .ifPresent(account -> {
                    accounts.update(account.failed(now));
                    outbox.append(new AccountFailed(account.id().toString(), AccountFailures.reasonFor(cause)));
                });
    }

    private List<Operation> lockDue() {
        return operations.lockDue(List.of(AccountCreation.CREATE), clock.instant(), BATCH);
    }

    private void activate(Operation operation) {
        Instant now = clock.instant();
        Optional<Account> found = accounts.findByIdForUpdate(operation.targetId());
        if (found.isEmpty() || found.get().state() != Account.State.REQUESTED) {
            String reason = found.map(a -> "account is " + a.state() + ", not REQUESTED")
                    .orElse("account " + operation.targetId() + " does not exist");
            operations.update(operation.failed(reason, now));
            return;
        }
        Account account = found.get();
        Optional<Plan> plan = plans.findById(account.plan());
        if (plan.isEmpty()) {
            fail(operation, account, "plan " + account.plan() + " no longer exists", now);
            return;
        }
        switch (ledger.place(plan.get().demand(), account.placement(), null)) {
            case Placement.Chosen chosen -> {
                String hostId = chosen.host().id().toString();
                outbox.append(new AccountPlaced(account.id().toString(), hostId));
                account = accounts.update(account.ready(chosen.host().id(), now));
                outbox.append(new AccountReady(account.id().toString(), account.name(), hostId, account.plan(), account.ownerEmail()));
                operations.update(operation
                        .withStep(AccountCreation.PLACE_STEP, Operation.StepState.DONE, "host " + chosen.host().name(), now)
                        .withStep(AccountCreation.ACTIVATE_STEP, Operation.StepState.DONE, null, now)
                        .succeeded(now));
            }
            case Placement.NoFit noFit -> fail(operation, account, noFit.reason(), now);
        }
    }

    private void fail(Operation operation, Account account, String reason, Instant now) {
        LOG.warn("account {} ({}) failed: {}", account.id(), account.name(), reason);
        accounts.update(account.failed(now));
        outbox.append(new AccountFailed(account.id().toString(), reason));
        operations.update(operation.withStep(AccountCreation.PLACE_STEP, Operation.StepState.FAILED, reason, now).failed(reason, now));
    }
}
