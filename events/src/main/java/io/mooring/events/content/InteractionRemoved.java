package io.mooring.events.content;

import io.mooring.events.EventType;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * An account took back a favourite, bookmark or boost of a status.
 *
 * @param version nullable: higher than the version of the interaction it removes, see {@link InteractionAdded#version()}
 */
@EventType(value = "mooring.content.interaction.removed.v1", topic = Topics.CONTENT_STATUSES)
public record InteractionRemoved(String statusId, String accountId, String kind, String source, Long version)
        implements StatusInteraction {

    public InteractionRemoved {
        Require.text(statusId, "statusId");
        Require.text(accountId, "accountId");
        InteractionKind.fromWire(kind);
        StatusChecks.checkAdditions(source, version, null, null, null);
    }
}
