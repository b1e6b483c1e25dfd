package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** The host takes new accounts again. */
@EventType(value = "mooring.provisioning.host.uncordoned.v1", topic = Topics.PROVISIONING)
public record HostUncordoned(String hostId) implements MooringEvent {

    public HostUncordoned {
        Require.text(hostId, "hostId");
    }

    @Override
    public String subject() {
        return hostId;
    }
}
