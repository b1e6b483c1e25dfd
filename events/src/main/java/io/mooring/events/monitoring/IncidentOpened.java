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
 * @param accountId nullable: the account the monitor belongs to, so an account's timeline holds it;
 *                  absent in events written before the field existed; null for platform monitors
 */
@EventType(value = "mooring.monitoring.incident.opened.v1", topic = Topics.MONITORING)
public record IncidentOpened(String monitorId, String incidentId, String title, String severity, String accountId) implements MooringEvent {

    public IncidentOpened {
        Require.optionalText(accountId, "accountId");
        Require.text(monitorId, "monitorId");
        Require.text(incidentId, "incidentId");
        Require.text(title, "title");
        WireValue.parse(IncidentSeverity.class, severity, "severity");
    }

    /** Without the account: as producers wrote it before the field existed. */
    public IncidentOpened(String monitorId, String incidentId, String title, String severity) {
        this(monitorId, incidentId, title, severity, null);
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
