package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * The account stopped serving (unpaid, abuse, operator request); its data is kept.
 *
 * @param reason why, as shown to operators
 */
@EventType(value = "mooring.provisioning.account.suspended.v1", topic = Topics.PROVISIONING)
public record AccountSuspended(String accountId, String reason) implements MooringEvent {

    public AccountSuspended {
        Require.text(accountId, "accountId");
        Require.text(reason, "reason");
    }

    @Override
    public String subject() {
        return accountId;
    }
}
