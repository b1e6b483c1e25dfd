package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * A monitor stopped watching for good.
 *
 * @param accountId nullable: the account the monitor belongs to, so an account's timeline holds it;
 *                  absent in events written before the field existed; null for platform monitors
 */
@EventType(value = "mooring.monitoring.monitor.deleted.v1", topic = Topics.MONITORING)
public record MonitorDeleted(String monitorId, String accountId) implements MooringEvent {

    public MonitorDeleted {
        Require.optionalText(accountId, "accountId");
        Require.text(monitorId, "monitorId");
    }

    /** Without the account: as producers wrote it before the field existed. */
    public MonitorDeleted(String monitorId) {
        this(monitorId, null);
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
