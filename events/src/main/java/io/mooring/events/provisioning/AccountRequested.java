package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * Someone asked for a new account; the provisioner will place it on a host.
 *
 * @param ownerEmail nullable: accounts run by the operators themselves may have no owner contact
 */
@EventType(value = "mooring.provisioning.account.requested.v1", topic = Topics.PROVISIONING)
public record AccountRequested(String accountId, String name, String plan, String ownerEmail) implements MooringEvent {

    public AccountRequested {
        Require.text(accountId, "accountId");
        Require.text(name, "name");
        Require.text(plan, "plan");
        if (ownerEmail != null) {
            Require.email(ownerEmail, "ownerEmail");
        }
    }

    @Override
    public String subject() {
        return accountId;
    }
}
