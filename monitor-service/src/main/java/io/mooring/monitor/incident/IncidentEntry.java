package io.mooring.monitor.incident;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of an incident's timeline.
 *
 * @param kind {@code opened}, {@code state-changed}, {@code flapping}, {@code also-down}, {@code reminder} or {@code resolved}
 */
@MappedEntity("incident_entry")
public record IncidentEntry(@Id UUID id, UUID incidentId, Instant at, String kind, String message) {
    static final String OPENED = "opened";
    static final String STATE_CHANGED = "state-changed";
    static final String FLAPPING = "flapping";
    static final String RESOLVED = "resolved";
    static final String ALSO_DOWN = "also-down";
    static final String REMINDER = "reminder";
}
