package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** A deleted account was brought back before its purge. */
@EventType(value = "mooring.provisioning.account.restored.v1", topic = Topics.PROVISIONING)
public record AccountRestored(String accountId) implements MooringEvent {

    public AccountRestored {
        Require.text(accountId, "accountId");
    }

    @Override
    public String subject() {
        return accountId;
    }
}
