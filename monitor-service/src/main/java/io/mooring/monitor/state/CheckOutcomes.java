package io.mooring.monitor.state;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.monitor.probe.ProbeResult;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes in each check's result: the monitor's row is locked, so results, API changes and pauses of
 * one monitor apply one after another. A result for a monitor deleted or paused meanwhile is dropped.
 */
@Singleton
public class CheckOutcomes {
    private final MonitorRepository monitors;
    private final CheckStatuses statuses;

    public CheckOutcomes(MonitorRepository monitors, CheckStatuses statuses) {
        this.monitors = monitors;
        this.statuses = statuses;
    }

    @Transactional
    public void record(UUID monitorId, ProbeResult result, Instant at) {
        Optional<Monitor> monitor = monitors.lockById(monitorId);
        if (monitor.isEmpty() || monitor.get().state() == MonitorState.PAUSED) {
            return;
        }
        CheckStatus previous = statuses.find(monitorId).orElse(null);
        statuses.save(CheckStatus.after(previous, monitorId, result, at));
    }
}
