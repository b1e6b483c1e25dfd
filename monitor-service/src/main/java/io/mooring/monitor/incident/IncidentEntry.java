package io.mooring.monitor.incident;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of an incident's timeline.
 *
 * @param kind {@code opened}, {@code reminder}, {@code resolved}, or the wire name of an
 *             {@link io.mooring.events.monitoring.IncidentUpdateKind} ({@code state-changed}, {@code flapping},
 *             {@code also-down}), which are also {@code IncidentUpdated} events
 */
@MappedEntity("incident_entry")
public record IncidentEntry(@Id UUID id, UUID incidentId, Instant at, String kind, String message) {
    static final String OPENED = "opened";
    static final String RESOLVED = "resolved";
    static final String REMINDER = "reminder";
}
