package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.time.OffsetDateTime;

/**
 * The account is deleted: it no longer serves, but its data is kept and it can be restored until
 * {@code purgeAfter}, when {@link AccountPurged} follows.
 */
@EventType(value = "mooring.provisioning.account.deleted.v1", topic = Topics.PROVISIONING)
public record AccountDeleted(String accountId, OffsetDateTime purgeAfter) implements MooringEvent {

    public AccountDeleted {
        Require.text(accountId, "accountId");
        Require.present(purgeAfter, "purgeAfter");
    }

    @Override
    public String subject() {
        return accountId;
    }
}
