package io.mooring.monitor.heartbeat;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.incident.IncidentTracker;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.monitor.probe.ProbeStatus;
import io.mooring.monitor.rollup.CheckRollups;
import io.mooring.monitor.rollup.CountedCheck;
import io.mooring.monitor.state.StateHistory;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A heartbeat monitor's job checked in (by its token, or a backup run that succeeded): the check-in is
 * recorded, the next one expected a period later, and a monitor that was not UP becomes UP, resolving
 * its incident. A paused monitor records the check-in and stays paused. All in one transaction under
 * the monitor's row lock. Each check-in of a running heartbeat counts as a passed check in its uptime buckets.
 */
@Singleton
public class CheckIns {
    private final MonitorRepository monitors;
    private final HeartbeatDeadlines deadlines;
    private final StateHistory history;
    private final IncidentTracker incidents;
    private final CheckRollups rollups;

    public CheckIns(MonitorRepository monitors, HeartbeatDeadlines deadlines, StateHistory history,
                    IncidentTracker incidents, CheckRollups rollups) {
        this.rollups = rollups;
        this.monitors = monitors;
        this.deadlines = deadlines;
        this.history = history;
        this.incidents = incidents;
    }

    /** The monitor after the check-in; empty when there is no such heartbeat monitor (any more). */
    @Transactional
    public Optional<Monitor> checkIn(UUID monitorId, Instant at, String reason) {
        rollups.lockCompactionMark();
        Optional<Monitor> locked = monitors.lockById(monitorId).filter(m -> m.kind() == MonitorKind.HEARTBEAT);
        if (locked.isEmpty()) {
            return locked;
        }
        Monitor monitor = locked.get();
        boolean paused = monitor.state() == MonitorState.PAUSED;
        deadlines.checkedIn(monitorId, at, paused);
        if (!paused) {
            rollups.count(List.of(new CountedCheck(monitorId, at, ProbeStatus.UP, null)));
        }
        if (paused || monitor.state() == MonitorState.UP) {
            return locked;
        }
        Monitor up = monitors.update(monitor.withState(MonitorState.UP, at));
        history.changed(monitor, MonitorState.UP, reason, at);
        incidents.answering(monitor, false, reason, at);
        return Optional.of(up);
    }
}
