package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.WireValue;

import java.time.OffsetDateTime;

/**
 * An open incident's timeline gained an entry other than its opening, reminders and resolution
 * (which have {@link IncidentOpened}, {@link IncidentReminded} and {@link IncidentResolved}).
 *
 * @param kind        the wire name of an {@link IncidentUpdateKind}
 * @param message     the timeline entry's text, e.g. {@code also down: shop site}
 * @param at          when it happened (the check's time, which may be earlier than the event's)
 * @param openSeconds how long the incident had been open at {@code at}
 * @param accountId   nullable: the account the monitor belongs to; null for platform monitors
 */
@EventType(value = "mooring.monitoring.incident.updated.v1", topic = Topics.MONITORING)
public record IncidentUpdated(String monitorId, String incidentId, String title, String kind, String message,
                              OffsetDateTime at, long openSeconds, String accountId) implements MooringEvent {

    public IncidentUpdated {
        Require.text(monitorId, "monitorId");
        Require.text(incidentId, "incidentId");
        Require.text(title, "title");
        WireValue.parse(IncidentUpdateKind.class, kind, "kind");
        Require.text(message, "message");
        Require.present(at, "at");
        Require.notNegative(openSeconds, "openSeconds");
        Require.optionalText(accountId, "accountId");
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
