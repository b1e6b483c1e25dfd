package io.mooring.provisioner.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.provisioning.AccountMigrated;
import io.mooring.provisioner.host.Host;
import io.mooring.provisioner.host.HostRepository;
import io.mooring.provisioner.placement.CapacityLedger;
import io.mooring.provisioner.placement.Placement;
import io.mooring.provisioner.plan.Plan;
import io.mooring.provisioner.plan.PlanRepository;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves accounts between hosts, to a host an operator names or to the one placement chooses,
 * honouring the account's constraints, cordons and capacity. Each move is one transaction with its
 * {@link AccountMigrated} event.
 */
@Singleton
public class AccountMigration {
    private final AccountRepository accounts;
    private final HostRepository hosts;
    private final PlanRepository plans;
    private final CapacityLedger ledger;
    private final Outbox outbox;
    private final Clock clock;

    public AccountMigration(AccountRepository accounts, HostRepository hosts, PlanRepository plans, CapacityLedger ledger,
                            Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.hosts = hosts;
        this.plans = plans;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Moves an account to {@code targetHostId}, or where placement chooses when it is null. */
    @Transactional
    public Account migrate(UUID id, @Nullable UUID targetHostId) {
        ledger.lock();
        Account account = accounts.findByIdForUpdate(id).orElseThrow(() -> ProblemException.notFound("account", id));
        AccountTransition.MIGRATE.check(account);
        Plan plan = plans.findById(account.plan()).orElseThrow();
        if (targetHostId == null) {
            return switch (ledger.place(plan.demand(), account.placement(), account.hostId())) {
                case Placement.Chosen chosen -> move(account, chosen.host());
                case Placement.NoFit noFit -> throw noFit.problem();
            };
        }
        Host target = hosts.findById(targetHostId).orElseThrow(() -> ProblemException.invalid("hostId", "no host " + targetHostId));
        if (target.id().equals(account.hostId())) {
            throw ProblemException.conflict("already-on-host", "account " + id + " is already on host " + target.name());
        }
        ledger.refusal(target, plan.demand(), account.placement()).ifPresent(noFit -> {
            throw noFit.problem();
        });
        return move(account, target);
    }

    /**
     * Moves a live account (any state but purged) off its host to where placement chooses; for
     * drains, inside the caller's transaction. Returns why it could not when no host fits.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<Placement.NoFit> moveOff(Account account) {
        Plan plan = plans.findById(account.plan()).orElseThrow();
        return switch (ledger.place(plan.demand(), account.placement(), account.hostId())) {
            case Placement.Chosen chosen -> {
                move(account, chosen.host());
                yield Optional.empty();
            }
            case Placement.NoFit noFit -> Optional.of(new Placement.NoFit(noFit.rule(),
                    "account " + account.name() + " (" + account.id() + "): " + noFit.reason()));
        };
    }

    private Account move(Account account, Host to) {
        outbox.append(new AccountMigrated(account.id().toString(), account.hostId().toString(), to.id().toString()));
        return accounts.update(account.movedTo(to.id(), clock.instant()));
    }
}
