package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandAnswer;

/**
 * The account stopped serving (unpaid, abuse, operator request); its data is kept.
 *
 * @param reason why, as shown to operators
 * @param commandId nullable: the chat command that suspended it; absent in events written before the field existed
 */
@EventType(value = "mooring.provisioning.account.suspended.v1", topic = Topics.PROVISIONING)
public record AccountSuspended(String accountId, String reason, String commandId) implements MooringEvent, CommandAnswer {

    public AccountSuspended {
        Require.text(accountId, "accountId");
        Require.text(reason, "reason");
        Require.optionalText(commandId, "commandId");
    }

    /** Not caused by a chat command. */
    public AccountSuspended(String accountId, String reason) {
        this(accountId, reason, null);
    }

    @Override
    public String subject() {
        return accountId;
    }
}
