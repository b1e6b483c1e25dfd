package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** The account now runs on another host. */
@EventType(value = "mooring.provisioning.account.migrated.v1", topic = Topics.PROVISIONING)
public record AccountMigrated(String accountId, String fromHostId, String toHostId) implements MooringEvent {

    public AccountMigrated {
        Require.text(accountId, "accountId");
        Require.text(fromHostId, "fromHostId");
        Require.text(toHostId, "toHostId");
        Require.different(fromHostId, toHostId, "fromHostId and toHostId");
    }

    @Override
    public String subject() {
        return accountId;
    }
}
