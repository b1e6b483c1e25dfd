package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.WireValue;

/**
 * A monitor's conclusion about its target changed.
 *
 * @param from   the wire name of the previous {@link MonitorState}
 * @param to     the wire name of the new {@link MonitorState}, different from {@code from}
 * @param reason why, e.g. {@code HTTP 503 from https://social.example.org/health}
 */
@EventType(value = "mooring.monitoring.monitor.state-changed.v1", topic = Topics.MONITORING)
public record MonitorStateChanged(String monitorId, String from, String to, String reason) implements MooringEvent {

    public MonitorStateChanged {
        Require.text(monitorId, "monitorId");
        WireValue.parse(MonitorState.class, from, "from");
        WireValue.parse(MonitorState.class, to, "to");
        Require.different(from, to, "from and to");
        Require.text(reason, "reason");
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
