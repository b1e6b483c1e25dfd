package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** No new accounts are placed on the host; the accounts on it keep running. */
@EventType(value = "mooring.provisioning.host.cordoned.v1", topic = Topics.PROVISIONING)
public record HostCordoned(String hostId) implements MooringEvent {

    public HostCordoned {
        Require.text(hostId, "hostId");
    }

    @Override
    public String subject() {
        return hostId;
    }
}
