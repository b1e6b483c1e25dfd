package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.WireValue;

/**
 * An account asked for a resource (a database, a Redis namespace, a bucket, a site).
 *
 * @param kind the wire name of a {@link ResourceKind}
 * @param name the resource's name inside the account, e.g. the database name
 */
@EventType(value = "mooring.provisioning.resource.requested.v1", topic = Topics.PROVISIONING)
public record ResourceRequested(String accountId, String resourceId, String kind, String name) implements MooringEvent {

    public ResourceRequested {
        Require.text(accountId, "accountId");
        Require.text(resourceId, "resourceId");
        WireValue.parse(ResourceKind.class, kind, "kind");
        Require.text(name, "name");
    }

    @Override
    public String subject() {
        return accountId;
    }
}
