package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A maintenance window ended: a monitor still DOWN then opens its incident. Sent once per occurrence, after its {@code MaintenanceStarted}.
 *
 * @param windowId   the window's id (subject and key)
 * @param startsAt   when this occurrence starts
 * @param endsAt     when this occurrence ends, after {@code startsAt}
 * @param monitorIds the monitors it covers
 */
@EventType(value = "mooring.monitoring.maintenance.ended.v1", topic = Topics.MONITORING)
public record MaintenanceEnded(String windowId, String title, OffsetDateTime startsAt, OffsetDateTime endsAt,
                                 List<String> monitorIds) implements MooringEvent {

    public MaintenanceEnded {
        Require.text(windowId, "windowId");
        Require.text(title, "title");
        Require.present(startsAt, "startsAt");
        Require.present(endsAt, "endsAt");
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt must be after startsAt");
        }
        monitorIds = Require.texts(monitorIds, "monitorIds");
    }

    @Override
    public String subject() {
        return windowId;
    }
}
