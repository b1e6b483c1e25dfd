package io.mooring.provisioner.account;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.provisioning.AccountDeleted;
import io.mooring.events.provisioning.AccountPlanChanged;
import io.mooring.events.provisioning.AccountRestored;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.events.provisioning.AccountSuspended;
import io.mooring.provisioner.host.Host;
import io.mooring.provisioner.host.HostRepository;
import io.mooring.provisioner.operation.Operation;
import io.mooring.provisioner.placement.CapacityLedger;
import io.mooring.provisioner.plan.Plan;
import io.mooring.provisioner.plan.PlanQuota;
import io.mooring.provisioner.plan.PlanRepository;
import io.mooring.provisioner.resource.access.AccountAccess;
import io.mooring.provisioner.resource.work.WorkSignal;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The transitions of an existing account — suspend, resume, change plan, delete, restore — each
 * checked against {@link AccountTransition} and written with its event in one transaction.
 */
@Singleton
public class AccountLifecycle {
    private final AccountRepository accounts;
    private final PlanRepository plans;
    private final HostRepository hosts;
    private final CapacityLedger ledger;
    private final PlanQuota quota;
    private final Outbox outbox;
    private final AccountAccess access;
    private final WorkSignal work;
    private final Clock clock;
    private final Duration deletionGrace;

    public AccountLifecycle(AccountRepository accounts, PlanRepository plans, HostRepository hosts, CapacityLedger ledger,
                            PlanQuota quota, Outbox outbox, AccountAccess access, WorkSignal work, Clock clock,
                            @Value("${mooring.provisioner.deletion-grace:P7D}") Duration deletionGrace) {
        if (deletionGrace.isNegative()) {
            throw new IllegalArgumentException("mooring.provisioner.deletion-grace must not be negative, was " + deletionGrace);
        }
        this.accounts = accounts;
        this.access = access;
        this.work = work;
        this.plans = plans;
        this.hosts = hosts;
        this.ledger = ledger;
        this.quota = quota;
        this.outbox = outbox;
        this.clock = clock;
        this.deletionGrace = deletionGrace;
    }

    /** The account after a suspend or resume, and the operation that carries it to the account's data. */
    public record AccessChanged(Account account, Operation operation) {
    }

    @Transactional
    public Account suspend(UUID id, String reason) {
        return suspendAccess(id, reason).account();
    }

    @Transactional
    public Account resume(UUID id) {
        return resumeAccess(id).account();
    }

    /**
     * SUSPENDED at once (its slice is squeezed and its sites answer 503 from the next read of the
     * desired state), and an {@code account.suspend} operation that blocks its databases, Redis users
     * and buckets.
     */
    @Transactional
    public AccessChanged suspendAccess(UUID id, String reason) {
        return suspendAccess(id, reason, null);
    }

    /** As {@link #suspendAccess(UUID, String)}, for the chat command {@code commandId} (null: none). */
    @Transactional
    public AccessChanged suspendAccess(UUID id, String reason, String commandId) {
        Account account = locked(id);
        AccountTransition.SUSPEND.check(account);
        outbox.append(new AccountSuspended(id.toString(), reason, commandId));
        Account suspended = accounts.update(account.suspended(reason, now()));
        Operation operation = access.schedule(id, true);
        work.wakeUp();
        return new AccessChanged(suspended, operation);
    }

    @Transactional
    public AccessChanged resumeAccess(UUID id) {
        return resumeAccess(id, null);
    }

    /** As {@link #resumeAccess(UUID)}, for the chat command {@code commandId} (null: none). */
    @Transactional
    public AccessChanged resumeAccess(UUID id, String commandId) {
        Account account = locked(id);
        AccountTransition.RESUME.check(account);
        outbox.append(new AccountResumed(id.toString(), commandId));
        Account resumed = accounts.update(account.resumed(now()));
        Operation operation = access.schedule(id, false);
        work.wakeUp();
        return new AccessChanged(resumed, operation);
    }

    /** Moves the account to another plan if its host has room for the new limits (and it fits the new quotas). */
    @Transactional
    public Account changePlan(UUID id, String planName) {
        Plan to = plans.findById(planName).orElseThrow(() -> ProblemException.invalid("plan", "no plan named " + planName));
        ledger.lock();
        Account account = locked(id);
        AccountTransition.CHANGE_PLAN.check(account);
        if (account.plan().equals(to.name())) {
            throw ProblemException.conflict("plan-unchanged", "account " + id + " is already on plan " + to.name());
        }
        Plan from = plans.findById(account.plan()).orElseThrow();
        quota.checkAccount(account.id(), to);
        Host host = hosts.findById(account.hostId()).orElseThrow();
        ledger.growthRefusal(host, to.demand().minus(from.demand())).ifPresent(noFit -> {
            throw noFit.problem();
        });
        outbox.append(new AccountPlanChanged(id.toString(), from.name(), to.name()));
        return accounts.update(account.onPlan(to.name(), now()));
    }

    /** Soft delete: the account stops serving but keeps its data and its place until the grace period ends. */
    @Transactional
    public Account delete(UUID id) {
        Account account = locked(id);
        AccountTransition.DELETE.check(account);
        Instant now = now();
        Instant purgeAfter = now.plus(deletionGrace);
        outbox.append(new AccountDeleted(id.toString(), purgeAfter.atOffset(ZoneOffset.UTC)));
        return accounts.update(account.deleted(purgeAfter, now));
    }

    /** Brings a deleted account back, in the state it was deleted from, while its grace period lasts. */
    @Transactional
    public Account restore(UUID id) {
        Account account = locked(id);
        Instant now = now();
        if (account.state() == Account.State.PURGED
                || account.state() == Account.State.DELETED && !now.isBefore(account.purgeAfter())) {
            throw ProblemException.conflict("grace-period-over", "account " + id + " can no longer be restored: its grace period "
                    + "ended at " + account.purgeAfter() + (account.state() == Account.State.PURGED ? " and it is purged" : ""));
        }
        AccountTransition.RESTORE.check(account);
        outbox.append(new AccountRestored(id.toString()));
        return accounts.update(account.restored(now));
    }

    /** Now, at the precision Postgres stores, so a stored deadline compares as it was computed. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Why the account cannot take {@code transition} now, or empty when it can (it is not locked: check again). */
    public Optional<String> refusal(UUID id, AccountTransition transition) {
        Optional<Account> account = accounts.findById(id);
        if (account.isEmpty()) {
            return Optional.of("account " + id + " does not exist");
        }
        try {
            transition.check(account.get());
            return Optional.empty();
        } catch (ProblemException e) {
            return Optional.of(e.getMessage());
        }
    }

    private Account locked(UUID id) {
        return accounts.findByIdForUpdate(id).orElseThrow(() -> ProblemException.notFound("account", id));
    }
}
