package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * An incident is still open: sent every reminder interval while it is.
 *
 * @param openSeconds how long it has been open
 * @param accountId   nullable: the account the monitor belongs to; null for platform monitors
 */
@EventType(value = "mooring.monitoring.incident.reminded.v1", topic = Topics.MONITORING)
public record IncidentReminded(String monitorId, String incidentId, String title, long openSeconds, String accountId)
        implements MooringEvent {

    public IncidentReminded {
        Require.text(monitorId, "monitorId");
        Require.text(incidentId, "incidentId");
        Require.text(title, "title");
        Require.notNegative(openSeconds, "openSeconds");
        Require.optionalText(accountId, "accountId");
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
