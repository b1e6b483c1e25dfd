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
 * @param accountId nullable: the account the monitor belongs to, so an account's timeline holds it;
 *                  absent in events written before the field existed; null for platform monitors
 */
@EventType(value = "mooring.monitoring.heartbeat.missed.v1", topic = Topics.MONITORING)
public record HeartbeatMissed(String monitorId, OffsetDateTime lastSeen, String accountId) implements MooringEvent {

    public HeartbeatMissed {
        Require.optionalText(accountId, "accountId");
        Require.text(monitorId, "monitorId");
    }

    /** Without the account: as producers wrote it before the field existed. */
    public HeartbeatMissed(String monitorId, OffsetDateTime lastSeen) {
        this(monitorId, lastSeen, null);
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
