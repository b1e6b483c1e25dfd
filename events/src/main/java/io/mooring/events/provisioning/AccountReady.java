package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * An account is placed on a host and usable: other services start to care for it.
 *
 * @param ownerEmail nullable: accounts run by the operators themselves may have no owner contact
 */
@EventType(value = "mooring.provisioning.account.ready.v1", topic = Topics.PROVISIONING)
public record AccountReady(String accountId, String name, String hostId, String plan, String ownerEmail)
        implements MooringEvent {

    public AccountReady {
        Require.text(accountId, "accountId");
        Require.text(name, "name");
        Require.text(hostId, "hostId");
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
