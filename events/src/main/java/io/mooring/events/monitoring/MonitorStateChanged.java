package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.WireValue;
import io.mooring.events.chatops.CommandAnswer;

/**
 * A monitor's conclusion about its target changed.
 *
 * @param from   the wire name of the previous {@link MonitorState}
 * @param to     the wire name of the new {@link MonitorState}, different from {@code from}
 * @param reason why, e.g. {@code HTTP 503 from https://social.example.org/health}
 * @param accountId nullable: the account the monitor belongs to, so an account's timeline holds it;
 *                  absent in events written before the field existed; null for platform monitors
 * @param commandId nullable: the chat command that caused the change (pausing, resuming); absent in events
 *                  written before the field existed
 */
@EventType(value = "mooring.monitoring.monitor.state-changed.v1", topic = Topics.MONITORING)
public record MonitorStateChanged(String monitorId, String from, String to, String reason, String accountId,
                                  String commandId) implements MooringEvent, CommandAnswer {

    public MonitorStateChanged {
        Require.optionalText(accountId, "accountId");
        Require.text(monitorId, "monitorId");
        WireValue.parse(MonitorState.class, from, "from");
        WireValue.parse(MonitorState.class, to, "to");
        Require.different(from, to, "from and to");
        Require.text(reason, "reason");
        Require.optionalText(commandId, "commandId");
    }

    /** Not caused by a chat command. */
    public MonitorStateChanged(String monitorId, String from, String to, String reason, String accountId) {
        this(monitorId, from, to, reason, accountId, null);
    }

    /** Without the account: as producers wrote it before the field existed. */
    public MonitorStateChanged(String monitorId, String from, String to, String reason) {
        this(monitorId, from, to, reason, null);
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
