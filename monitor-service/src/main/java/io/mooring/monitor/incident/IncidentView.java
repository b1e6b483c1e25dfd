package io.mooring.monitor.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An incident as the API shows it, with its timeline oldest first. {@code state}: open or resolved. */
@Serdeable
public record IncidentView(UUID id, UUID monitorId, @Nullable String accountId, String title, String severity,
                           String state, Instant openedAt, @Nullable Instant resolvedAt, List<Entry> timeline) {

    /** One line of the timeline; {@code kind}: opened, state-changed, flapping, also-down, reminder or resolved. */
    @Serdeable
    public record Entry(Instant at, String kind, String message) {
    }

    static IncidentView of(Incident incident, List<IncidentEntry> entries) {
        return new IncidentView(incident.id(), incident.monitorId(), incident.accountId(), incident.title(),
                incident.severity(), incident.isOpen() ? "open" : "resolved", incident.openedAt(), incident.resolvedAt(),
                entries.stream().map(e -> new Entry(e.at(), e.kind(), e.message())).toList());
    }
}
