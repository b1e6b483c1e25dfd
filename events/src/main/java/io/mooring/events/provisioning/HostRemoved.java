package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** The host left the pool for good. */
@EventType(value = "mooring.provisioning.host.removed.v1", topic = Topics.PROVISIONING)
public record HostRemoved(String hostId) implements MooringEvent {

    public HostRemoved {
        Require.text(hostId, "hostId");
    }

    @Override
    public String subject() {
        return hostId;
    }
}
