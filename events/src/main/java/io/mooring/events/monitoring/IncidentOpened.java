package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.WireValue;

/**
 * A monitor's failure became an incident.
 *
 * @param severity the wire name of an {@link IncidentSeverity}
 */
@EventType(value = "mooring.monitoring.incident.opened.v1", topic = Topics.MONITORING)
public record IncidentOpened(String monitorId, String incidentId, String title, String severity) implements MooringEvent {

    public IncidentOpened {
        Require.text(monitorId, "monitorId");
        Require.text(incidentId, "incidentId");
        Require.text(title, "title");
        WireValue.parse(IncidentSeverity.class, severity, "severity");
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
