package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandAnswer;

/**
 * A suspended account serves again.
 *
 * @param commandId nullable: the chat command that resumed it; absent in events written before the field existed
 */
@EventType(value = "mooring.provisioning.account.resumed.v1", topic = Topics.PROVISIONING)
public record AccountResumed(String accountId, String commandId) implements MooringEvent, CommandAnswer {

    public AccountResumed {
        Require.text(accountId, "accountId");
        Require.optionalText(commandId, "commandId");
    }

    /** Not caused by a chat command. */
    public AccountResumed(String accountId) {
        this(accountId, null);
    }

    @Override
    public String subject() {
        return accountId;
    }
}
