package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.WireValue;

/**
 * A resource and its data are gone.
 *
 * @param kind the wire name of a {@link ResourceKind}
 */
@EventType(value = "mooring.provisioning.resource.deleted.v1", topic = Topics.PROVISIONING)
public record ResourceDeleted(String accountId, String resourceId, String kind) implements MooringEvent {

    public ResourceDeleted {
        Require.text(accountId, "accountId");
        Require.text(resourceId, "resourceId");
        WireValue.parse(ResourceKind.class, kind, "kind");
    }

    @Override
    public String subject() {
        return accountId;
    }
}
