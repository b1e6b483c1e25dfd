package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** The data of a deleted account is destroyed; the account is gone for good. */
@EventType(value = "mooring.provisioning.account.purged.v1", topic = Topics.PROVISIONING)
public record AccountPurged(String accountId) implements MooringEvent {

    public AccountPurged {
        Require.text(accountId, "accountId");
    }

    @Override
    public String subject() {
        return accountId;
    }
}
