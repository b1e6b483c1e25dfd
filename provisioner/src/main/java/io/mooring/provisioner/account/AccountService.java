package io.mooring.provisioner.account;

import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.provisioning.AccountPlaced;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountRequested;
import io.mooring.provisioner.host.Host;
import io.mooring.provisioner.host.HostRepository;
import io.mooring.provisioner.operation.Operation;
import io.mooring.provisioner.operation.OperationRepository;
import io.mooring.provisioner.placement.PlacementPolicy;
import io.mooring.provisioner.plan.Plan;
import io.mooring.provisioner.plan.PlanRepository;
import io.mooring.runtime.Ids;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates accounts: places them on a host and records every transition with its event. */
@Singleton
public class AccountService {
    private final AccountRepository accounts;
    private final HostRepository hosts;
    private final PlanRepository plans;
    private final OperationRepository operations;
    private final Outbox outbox;
    private final Clock clock;
    private final PlacementPolicy placement = new PlacementPolicy();

    public AccountService(AccountRepository accounts, HostRepository hosts, PlanRepository plans,
                          OperationRepository operations, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.hosts = hosts;
        this.plans = plans;
        this.operations = operations;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The account and the operation that created it. */
    public record Created(Account account, Operation operation) {
    }

    @Transactional
    public Created create(String name, String planName, String ownerEmail) {
        Plan plan = plans.findById(planName).orElseThrow(() -> ProblemException.invalid("plan", "no plan named " + planName));
        if (accounts.existsByName(name)) {
            throw ProblemException.conflict("account-exists", "an account named " + name + " already exists");
        }
        Instant now = clock.instant();
        UUID id = Ids.next();
        Operation operation = operations.save(new Operation(Ids.next(), "account.create", id, Operation.State.RUNNING, null, now, now));
        Account account = accounts.save(new Account(id, name, plan.name(), ownerEmail, null, Account.State.REQUESTED, now, now));
        outbox.append(new AccountRequested(id.toString(), name, plan.name(), ownerEmail));

        List<Host> candidates = hosts.findByCordonedFalseOrderByCreatedAt();
        Map<UUID, Long> committed = committedMemory();
        Host host = placement.choose(candidates, committed, plan.memoryMaxMb()).orElseThrow(() ->
                new ProblemException(HttpStatus.CONFLICT, "no-capacity", "No host fits",
                        placement.explain(hosts.listOrderByCreatedAt(), committed, plan.memoryMaxMb()).reason()));
        outbox.append(new AccountPlaced(id.toString(), host.id().toString()));

        account = accounts.update(new Account(id, name, plan.name(), ownerEmail, host.id(), Account.State.READY, now, now));
        outbox.append(new AccountReady(id.toString(), name, host.id().toString(), plan.name(), ownerEmail));
        operation = operations.update(operation.succeeded(now));
        return new Created(account, operation);
    }

    private Map<UUID, Long> committedMemory() {
        Map<String, Long> memoryByPlan = new HashMap<>();
        plans.findAll().forEach(p -> memoryByPlan.put(p.name(), p.memoryMaxMb()));
        Map<UUID, Long> committed = new HashMap<>();
        for (Account account : accounts.findAll()) {
            if (account.hostId() != null && account.state() != Account.State.DELETED) {
                committed.merge(account.hostId(), memoryByPlan.getOrDefault(account.plan(), 0L), Long::sum);
            }
        }
        return committed;
    }
}
