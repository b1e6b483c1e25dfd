package io.mooring.provisioner.account;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.provisioning.AccountPlaced;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountRequested;
import io.mooring.provisioner.operation.Operation;
import io.mooring.provisioner.operation.OperationRepository;
import io.mooring.provisioner.placement.CapacityLedger;
import io.mooring.provisioner.placement.Placement;
import io.mooring.provisioner.plan.Plan;
import io.mooring.provisioner.plan.PlanRepository;
import io.mooring.runtime.Ids;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Creates accounts: requested, placed on a host by the placement policy, ready — each transition
 * with its event, all in one transaction. When no host fits, nothing is written.
 */
@Singleton
public class AccountCreation {
    private final AccountRepository accounts;
    private final PlanRepository plans;
    private final OperationRepository operations;
    private final CapacityLedger ledger;
    private final Outbox outbox;
    private final Clock clock;

    public AccountCreation(AccountRepository accounts, PlanRepository plans, OperationRepository operations,
                           CapacityLedger ledger, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.plans = plans;
        this.operations = operations;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The account and the operation that created it. */
    public record Created(Account account, Operation operation) {
    }

    @Transactional
    public Created create(CreateAccount request) {
        Plan plan = plans.findById(request.plan()).orElseThrow(() -> ProblemException.invalid("plan", "no plan named " + request.plan()));
        ledger.lock();
        if (accounts.liveNameExists(request.name())) {
            throw ProblemException.conflict("account-exists", "an account named " + request.name()
                    + " already exists (a deleted account keeps its name until it is purged)");
        }
        Instant now = clock.instant();
        UUID id = Ids.next();
        Operation operation = operations.save(new Operation(Ids.next(), "account.create", id, Operation.State.RUNNING, null, now, now));
        Account account = accounts.save(Account.requested(id, request.name(), plan.name(), request.ownerEmail(),
                request.constraints(), now));
        outbox.append(new AccountRequested(id.toString(), account.name(), plan.name(), account.ownerEmail()));

        UUID hostId = switch (ledger.place(plan.demand(), account.placement(), null)) {
            case Placement.Chosen chosen -> chosen.host().id();
            case Placement.NoFit noFit -> throw noFit.problem();
        };
        outbox.append(new AccountPlaced(id.toString(), hostId.toString()));
        account = accounts.update(account.ready(hostId, now));
        outbox.append(new AccountReady(id.toString(), account.name(), hostId.toString(), plan.name(), account.ownerEmail()));
        operation = operations.update(operation.succeeded(now));
        return new Created(account, operation);
    }
}
