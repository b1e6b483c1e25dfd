package io.mooring.monitor.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A monitor's failure as people follow it: opened when the monitor goes DOWN, resolved when it
 * recovers (and is not flapping). At most one is open per monitor.
 *
 * @param severity the wire name of an {@code IncidentSeverity}
 */
@MappedEntity("incident")
public record Incident(@Id UUID id, UUID monitorId, @Nullable String accountId, String title, String severity,
                       Instant openedAt, @Nullable Instant resolvedAt) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(openedAt, "openedAt");
    }

    public boolean isOpen() {
        return resolvedAt == null;
    }

    Incident resolvedAt(Instant at) {
        return new Incident(id, monitorId, accountId, title, severity, openedAt, at);
    }
}
