package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.WireValue;

/**
 * Creating a resource failed.
 *
 * @param kind   the wire name of a {@link ResourceKind}
 * @param reason what went wrong, for operators
 */
@EventType(value = "mooring.provisioning.resource.failed.v1", topic = Topics.PROVISIONING)
public record ResourceFailed(String accountId, String resourceId, String kind, String reason) implements MooringEvent {

    public ResourceFailed {
        Require.text(accountId, "accountId");
        Require.text(resourceId, "resourceId");
        WireValue.parse(ResourceKind.class, kind, "kind");
        Require.text(reason, "reason");
    }

    @Override
    public String subject() {
        return accountId;
    }
}
