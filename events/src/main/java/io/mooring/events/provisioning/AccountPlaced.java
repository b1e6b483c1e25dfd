package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** The provisioner chose the host of a requested account; setting it up comes next. */
@EventType(value = "mooring.provisioning.account.placed.v1", topic = Topics.PROVISIONING)
public record AccountPlaced(String accountId, String hostId) implements MooringEvent {

    public AccountPlaced {
        Require.text(accountId, "accountId");
        Require.text(hostId, "hostId");
    }

    @Override
    public String subject() {
        return accountId;
    }
}
