package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** A suspended account serves again. */
@EventType(value = "mooring.provisioning.account.resumed.v1", topic = Topics.PROVISIONING)
public record AccountResumed(String accountId) implements MooringEvent {

    public AccountResumed {
        Require.text(accountId, "accountId");
    }

    @Override
    public String subject() {
        return accountId;
    }
}
