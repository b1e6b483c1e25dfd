package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A maintenance window began: its monitors open no incident until it ends. Sent once per occurrence (a recurring window's each run), whatever the number of replicas.
 *
 * @param windowId   the window's id (subject and key)
 * @param startsAt   when this occurrence starts
 * @param endsAt     when this occurrence ends, after {@code startsAt}
 * @param monitorIds the monitors it covers
 */
@EventType(value = "mooring.monitoring.maintenance.started.v1", topic = Topics.MONITORING)
public record MaintenanceStarted(String windowId, String title, OffsetDateTime startsAt, OffsetDateTime endsAt,
                                 List<String> monitorIds) implements MooringEvent {

    public MaintenanceStarted {
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
