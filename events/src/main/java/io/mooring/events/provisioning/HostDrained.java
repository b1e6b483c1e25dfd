package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** No account is left on the host: every one was migrated away. */
@EventType(value = "mooring.provisioning.host.drained.v1", topic = Topics.PROVISIONING)
public record HostDrained(String hostId) implements MooringEvent {

    public HostDrained {
        Require.text(hostId, "hostId");
    }

    @Override
    public String subject() {
        return hostId;
    }
}
