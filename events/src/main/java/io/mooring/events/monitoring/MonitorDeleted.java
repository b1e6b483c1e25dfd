package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** A monitor stopped watching for good. */
@EventType(value = "mooring.monitoring.monitor.deleted.v1", topic = Topics.MONITORING)
public record MonitorDeleted(String monitorId) implements MooringEvent {

    public MonitorDeleted {
        Require.text(monitorId, "monitorId");
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
