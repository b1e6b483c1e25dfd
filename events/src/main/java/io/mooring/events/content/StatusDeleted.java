package io.mooring.events.content;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * A status was deleted; consumers drop every copy of it.
 *
 * @param source  nullable, see {@link StatusSnapshot#source()}
 * @param version nullable: the version the status had when deleted or later, see
 *                {@link StatusSnapshot#version()}
 */
@EventType(value = "mooring.content.status.deleted.v1", topic = Topics.CONTENT_STATUSES)
public record StatusDeleted(String statusId, String accountId, String source, Long version) implements MooringEvent {

    public StatusDeleted {
        Require.text(statusId, "statusId");
        Require.text(accountId, "accountId");
        StatusChecks.checkAdditions(source, version, null, null, null);
    }

    /** Without source and version (added later): both null. */
    public StatusDeleted(String statusId, String accountId) {
        this(statusId, accountId, null, null);
    }

    @Override
    public String subject() {
        return statusId;
    }
}
