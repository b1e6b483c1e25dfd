package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * A monitor's settings changed: what it checks, how often, or its name.
 *
 * @param target   as in {@link MonitorCreated}: what is checked now
 * @param intervalSeconds how often it is checked now
 * @param accountId nullable: the account the monitor belongs to; null for platform monitors
 */
@EventType(value = "mooring.monitoring.monitor.updated.v1", topic = Topics.MONITORING)
public record MonitorUpdated(String monitorId, String accountId, String name, String target, long intervalSeconds) implements MooringEvent {

    public MonitorUpdated {
        Require.text(monitorId, "monitorId");
        Require.optionalText(accountId, "accountId");
        Require.text(name, "name");
        Require.text(target, "target");
        Require.positive(intervalSeconds, "intervalSeconds");
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
