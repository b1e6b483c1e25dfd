package io.mooring.monitor.incident;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.IncidentOpened;
import io.mooring.events.monitoring.IncidentResolved;
import io.mooring.events.monitoring.IncidentSeverity;
import io.mooring.events.monitoring.IncidentUpdateKind;
import io.mooring.events.monitoring.IncidentUpdated;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.runtime.Ids;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Opens an incident when a monitor goes DOWN and resolves it when the monitor recovers, writing
 * the timeline and the events in the caller's transaction (which holds the monitor's row lock):
 * every entry of an open incident between its opening and its resolution is an {@code IncidentUpdated}.
 * A flapping monitor keeps its one incident open instead of raising one per flap.
 */
@Singleton
public class IncidentTracker {
    private final IncidentRepository incidents;
    private final IncidentEntryRepository entries;
    private final Outbox outbox;

    IncidentTracker(IncidentRepository incidents, IncidentEntryRepository entries, Outbox outbox) {
        this.incidents = incidents;
        this.entries = entries;
        this.outbox = outbox;
    }

    /** The monitor went DOWN: opens its incident, or notes the new failure in the open one. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void wentDown(Monitor monitor, String reason, Instant at) {
        Optional<Incident> open = incidents.findByMonitorIdAndResolvedAtIsNull(monitor.id());
        if (open.isPresent()) {
            update(open.get(), IncidentUpdateKind.STATE_CHANGED, "down again: " + reason, at);
            return;
        }
        Incident incident = incidents.save(new Incident(Ids.next(), monitor.id(), monitor.accountId(),
                monitor.name() + " is down", IncidentSeverity.MAJOR.wireName(), at, null));
        note(incident, IncidentEntry.OPENED, reason, at);
        outbox.append(new IncidentOpened(monitor.id().toString(), incident.id().toString(), incident.title(),
                incident.severity(), monitor.accountId()));
    }

    /**
     * The monitor answers again (UP or DEGRADED): resolves its open incident, unless it is flapping,
     * which is noted once in the timeline and keeps the incident open.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void answering(Monitor monitor, boolean flapping, String reason, Instant at) {
        Optional<Incident> open = incidents.findByMonitorIdAndResolvedAtIsNull(monitor.id());
        if (open.isEmpty()) {
            return;
        }
        Incident incident = open.get();
        if (flapping) {
            update(incident, IncidentUpdateKind.FLAPPING, "answers again but flaps; kept open: " + reason, at);
            return;
        }
        incidents.update(incident.resolvedAt(at));
        note(incident, IncidentEntry.RESOLVED, reason, at);
        outbox.append(new IncidentResolved(monitor.id().toString(), incident.id().toString(),
                Duration.between(incident.openedAt(), at).toSeconds(), monitor.accountId()));
    }

    /** The monitor is being deleted: its open incident, if any, is resolved so that followers close it too. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void monitorDeleted(Monitor monitor, Instant at) {
        incidents.findByMonitorIdAndResolvedAtIsNull(monitor.id()).ifPresent(incident -> {
            incidents.update(incident.resolvedAt(at));
            note(incident, IncidentEntry.RESOLVED, "monitor deleted", at);
            outbox.append(new IncidentResolved(monitor.id().toString(), incident.id().toString(),
                    Duration.between(incident.openedAt(), at).toSeconds(), monitor.accountId()));
        });
    }

    /** A monitor depending on {@code upstream} went DOWN while it is: noted in upstream's open incident, if any. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void dependentDown(UUID upstream, Monitor dependent, Instant at) {
        incidents.findByMonitorIdAndResolvedAtIsNull(upstream)
                .ifPresent(incident -> update(incident, IncidentUpdateKind.ALSO_DOWN, "also down: " + dependent.name(), at));
    }

    /** Whether the monitor has an open incident. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean hasOpen(Monitor monitor) {
        return incidents.findByMonitorIdAndResolvedAtIsNull(monitor.id()).isPresent();
    }

    /** A timeline entry that changes the open incident, and its {@code IncidentUpdated}. */
    private void update(Incident incident, IncidentUpdateKind kind, String message, Instant at) {
        note(incident, kind.wireName(), message, at);
        outbox.append(new IncidentUpdated(incident.monitorId().toString(), incident.id().toString(), incident.title(),
                kind.wireName(), message, at.atOffset(ZoneOffset.UTC),
                Math.max(0, Duration.between(incident.openedAt(), at).toSeconds()), incident.accountId()));
    }

    private void note(Incident incident, String kind, String message, Instant at) {
        entries.save(new IncidentEntry(Ids.next(), incident.id(), at, kind, message));
    }
}
