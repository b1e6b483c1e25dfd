package io.mooring.events.content;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** A status was deleted; consumers drop every copy of it. */
@EventType(value = "mooring.content.status.deleted.v1", topic = Topics.CONTENT_STATUSES)
public record StatusDeleted(String statusId, String accountId) implements MooringEvent {

    public StatusDeleted {
        Require.text(statusId, "statusId");
        Require.text(accountId, "accountId");
    }

    @Override
    public String subject() {
        return statusId;
    }
}
