package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.util.Map;

/**
 * A host joined the pool and can take accounts.
 *
 * @param labels placement labels such as {@code disk=ssd}; never null, possibly empty
 */
@EventType(value = "mooring.provisioning.host.registered.v1", topic = Topics.PROVISIONING)
public record HostRegistered(String hostId, String name, String datacenter, int cpuCores, long memoryMb, long diskGb,
                             Map<String, String> labels) implements MooringEvent {

    public HostRegistered {
        Require.text(hostId, "hostId");
        Require.text(name, "name");
        Require.text(datacenter, "datacenter");
        Require.positive(cpuCores, "cpuCores");
        Require.positive(memoryMb, "memoryMb");
        Require.positive(diskGb, "diskGb");
        labels = Require.labels(labels, "labels");
    }

    @Override
    public String subject() {
        return hostId;
    }
}
