package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * Provisioning the account failed; it is not usable.
 *
 * @param reason what went wrong, for operators
 */
@EventType(value = "mooring.provisioning.account.failed.v1", topic = Topics.PROVISIONING)
public record AccountFailed(String accountId, String reason) implements MooringEvent {

    public AccountFailed {
        Require.text(accountId, "accountId");
        Require.text(reason, "reason");
    }

    @Override
    public String subject() {
        return accountId;
    }
}
