package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.time.OffsetDateTime;

/**
 * A heartbeat monitor's job did not check in on time.
 *
 * @param lastSeen nullable: when the job last checked in, {@code null} if it never did
 */
@EventType(value = "mooring.monitoring.heartbeat.missed.v1", topic = Topics.MONITORING)
public record HeartbeatMissed(String monitorId, OffsetDateTime lastSeen) implements MooringEvent {

    public HeartbeatMissed {
        Require.text(monitorId, "monitorId");
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
