package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * An incident is over.
 *
 * @param durationSeconds how long it lasted, from opening to resolution
 */
@EventType(value = "mooring.monitoring.incident.resolved.v1", topic = Topics.MONITORING)
public record IncidentResolved(String monitorId, String incidentId, long durationSeconds) implements MooringEvent {

    public IncidentResolved {
        Require.text(monitorId, "monitorId");
        Require.text(incidentId, "incidentId");
        Require.notNegative(durationSeconds, "durationSeconds");
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
