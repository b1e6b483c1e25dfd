package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * An incident is over.
 *
 * @param durationSeconds how long it lasted, from opening to resolution
 * @param accountId nullable: the account the monitor belongs to, so an account's timeline holds it;
 *                  absent in events written before the field existed; null for platform monitors
 */
@EventType(value = "mooring.monitoring.incident.resolved.v1", topic = Topics.MONITORING)
public record IncidentResolved(String monitorId, String incidentId, long durationSeconds, String accountId) implements MooringEvent {

    public IncidentResolved {
        Require.optionalText(accountId, "accountId");
        Require.text(monitorId, "monitorId");
        Require.text(incidentId, "incidentId");
        Require.notNegative(durationSeconds, "durationSeconds");
    }

    /** Without the account: as producers wrote it before the field existed. */
    public IncidentResolved(String monitorId, String incidentId, long durationSeconds) {
        this(monitorId, incidentId, durationSeconds, null);
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
