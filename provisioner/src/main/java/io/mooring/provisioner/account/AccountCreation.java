package io.mooring.provisioner.account;

import io.micronaut.transaction.annotation.Transactional;
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
import java.util.List;
import java.util.UUID;

/**
 * Accepts account creations: checks the plan, the name and that a host fits now, then records the
 * account REQUESTED with its event and an {@code account.create} operation, due at once, in one
 * transaction. {@link AccountActivator} then places it. When no host fits, nothing is written.
 */
@Singleton
public class AccountCreation {
    public static final String CREATE = "account.create";
    /** The steps of a create operation: choosing the host, then marking the account READY on it. */
    public static final String PLACE_STEP = "place";
    public static final String ACTIVATE_STEP = "activate";

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

    /** The account and the operation that creates it. */
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
        if (ledger.place(plan.demand(), request.constraints(), null) instanceof Placement.NoFit noFit) {
            throw noFit.problem();
        }
        Instant now = clock.instant();
        UUID id = Ids.next();
        Account account = accounts.save(Account.requested(id, request.name(), plan.name(), request.ownerEmail(),
                request.constraints(), now));
        outbox.append(new AccountRequested(id.toString(), account.name(), plan.name(), account.ownerEmail()));
        Operation operation = operations.save(Operation.scheduled(Ids.next(), CREATE, id, List.of(
                new Operation.Step(PLACE_STEP, Operation.StepState.PENDING, null, now),
                new Operation.Step(ACTIVATE_STEP, Operation.StepState.PENDING, null, now)), now));
        return new Created(account, operation);
    }
}
