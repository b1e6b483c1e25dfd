package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * A paused monitor was resumed: it is checked again, its state unknown until then. Sent beside the
 * {@code MonitorStateChanged} from {@code PAUSED}.
 *
 * @param reason    why, e.g. {@code resumed by an operator}, {@code pause ended}
 * @param accountId nullable: the account the monitor belongs to; null for platform monitors
 * @param commandId nullable: the chat command that resumed it
 */
@EventType(value = "mooring.monitoring.monitor.resumed.v1", topic = Topics.MONITORING)
public record MonitorResumed(String monitorId, String reason, String accountId, String commandId) implements MooringEvent {

    public MonitorResumed {
        Require.text(monitorId, "monitorId");
        Require.text(reason, "reason");
        Require.optionalText(accountId, "accountId");
        Require.optionalText(commandId, "commandId");
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
