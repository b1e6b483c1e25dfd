package io.mooring.provisioner.plan;

import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.provisioner.placement.CapacityLedger;
import io.mooring.runtime.http.Problem;
import io.mooring.runtime.http.ProblemException;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Creates plans and changes their limits. A change applies to every account on the plan at once,
 * so it is refused when it would overcommit a host or leave an account over its new quotas.
 */
@Singleton
public class PlanCatalog {
    private final PlanRepository plans;
    private final CapacityLedger ledger;
    private final PlanQuota quota;

    public PlanCatalog(PlanRepository plans, CapacityLedger ledger, PlanQuota quota) {
        this.plans = plans;
        this.ledger = ledger;
        this.quota = quota;
    }

    @Transactional
    public Plan create(Plan plan) {
        ledger.lock();
        if (plans.existsById(plan.name())) {
            throw ProblemException.conflict("plan-exists", "a plan named " + plan.name() + " already exists");
        }
        return plans.save(plan);
    }

    @Transactional
    public Plan update(Plan limits) {
        ledger.lock();
        Plan current = plans.findById(limits.name()).orElseThrow(() -> ProblemException.notFound("plan", limits.name()));
        ledger.planGrowthRefusal(current.name(), limits.demand().minus(current.demand())).ifPresent(noFit -> {
            throw new ProblemException(HttpStatus.CONFLICT, "would-overcommit", "Would overcommit a host",
                    "the new limits do not fit: " + noFit.reason(), List.of(new Problem.FieldError(noFit.rule(), noFit.reason())));
        });
        quota.checkPlan(limits);
        return plans.update(limits);
    }
}
