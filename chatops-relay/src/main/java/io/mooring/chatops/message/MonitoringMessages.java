package io.mooring.chatops.message;

import io.mooring.events.MooringEvent;
import io.mooring.events.monitoring.CertificateExpiring;
import io.mooring.events.monitoring.HeartbeatMissed;
import io.mooring.events.monitoring.MaintenanceEnded;
import io.mooring.events.monitoring.MaintenanceStarted;
import io.mooring.events.monitoring.MonitorPaused;
import io.mooring.events.monitoring.MonitorResumed;
import io.mooring.events.monitoring.IncidentOpened;
import io.mooring.events.monitoring.IncidentReminded;
import io.mooring.events.monitoring.IncidentResolved;
import io.mooring.events.monitoring.IncidentSeverity;
import io.mooring.events.monitoring.IncidentUpdated;
import io.mooring.events.monitoring.MonitorCommandRejected;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.events.monitoring.MonitorUpdated;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.monitoring.StatusReported;

import java.util.Optional;

/** Messages for {@code mooring.monitoring} events: monitors, their state and incidents. */
final class MonitoringMessages {

    private MonitoringMessages() {
    }

    static Optional<String> render(MooringEvent event) {
        return Optional.ofNullable(switch (event) {
            case MonitorCreated e -> "👀 Monitor " + e.name() + " (" + e.kind() + ") now watches " + e.target()
                    + (e.accountId() == null ? "" : " for account " + e.accountId());
            case MonitorDeleted e -> "🗑️ Monitor " + e.monitorId() + " deleted";
            case MonitorUpdated e -> "✏️ Monitor " + e.name() + " now watches " + e.target()
                    + " every " + e.intervalSeconds() + " s";
            case MonitorStateChanged e -> icon(MonitorState.fromWire(e.to())) + " Monitor " + e.monitorId() + " is "
                    + e.to() + " (was " + e.from() + "): " + e.reason();
            case IncidentOpened e -> "🚨 " + HumanFormat.capitalized(IncidentSeverity.fromWire(e.severity()).wireName())
                    + " incident " + e.incidentId() + " opened on monitor " + e.monitorId() + ": " + e.title();
            case IncidentResolved e -> "✅ Incident " + e.incidentId() + " on monitor " + e.monitorId()
                    + " resolved after " + HumanFormat.duration(e.durationSeconds());
            case IncidentReminded e -> "⏰ Incident " + e.incidentId() + " on monitor " + e.monitorId() + " still open after "
                    + HumanFormat.duration(e.openSeconds()) + ": " + e.title();
            case IncidentUpdated e -> "📝 Incident " + e.incidentId() + " on monitor " + e.monitorId() + " ("
                    + e.title() + "): " + e.message();
            case HeartbeatMissed e -> "💔 Heartbeat monitor " + e.monitorId() + " missed its check-in ("
                    + (e.lastSeen() == null ? "it never checked in" : "last seen " + HumanFormat.time(e.lastSeen())) + ")";
            case MonitorPaused e -> "⏸️ Monitor " + e.monitorId() + " paused: " + e.reason();
            case MonitorResumed e -> "▶️ Monitor " + e.monitorId() + " resumed: " + e.reason();
            case CertificateExpiring e -> "📜 Certificate of " + e.target() + " (monitor " + e.monitorId() + ") expires in "
                    + e.daysLeft() + " day(s), on " + e.expiresOn();
            case MaintenanceStarted e -> "🛠️ Maintenance " + e.title() + " started, until " + HumanFormat.time(e.endsAt())
                    + " (" + e.monitorIds().size() + " monitor(s))";
            case MaintenanceEnded e -> "🏁 Maintenance " + e.title() + " ended";
            case MonitorCommandRejected e -> HumanFormat.refusal(e.command(), e.target(), e.reason());
            case StatusReported e -> icon(MonitorState.fromWire(e.overall())) + " Platform status " + e.overall() + ": "
                    + e.up() + " up, " + e.degraded() + " degraded, " + e.down() + " down, " + e.paused() + " paused; "
                    + (e.openIncidentCount() == 0 ? "no open incident"
                    : e.openIncidentCount() + " open incident(s): " + String.join("; ", e.openIncidents())
                    + (e.openIncidentCount() > e.openIncidents().size() ? "; …" : ""));
            default -> null;
        });
    }

    private static String icon(MonitorState state) {
        return switch (state) {
            case UP -> "🟢";
            case DOWN -> "🔴";
            case DEGRADED -> "🟠";
            case UNKNOWN -> "⚪";
            case PAUSED -> "⏸️";
        };
    }
}
