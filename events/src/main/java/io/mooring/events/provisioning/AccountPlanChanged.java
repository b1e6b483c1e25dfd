package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** The account moved to another plan (limits, price). */
@EventType(value = "mooring.provisioning.account.plan-changed.v1", topic = Topics.PROVISIONING)
public record AccountPlanChanged(String accountId, String fromPlan, String toPlan) implements MooringEvent {

    public AccountPlanChanged {
        Require.text(accountId, "accountId");
        Require.text(fromPlan, "fromPlan");
        Require.text(toPlan, "toPlan");
        Require.different(fromPlan, toPlan, "fromPlan and toPlan");
    }

    @Override
    public String subject() {
        return accountId;
    }
}
