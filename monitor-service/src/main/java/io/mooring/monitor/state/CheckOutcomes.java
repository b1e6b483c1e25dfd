package io.mooring.monitor.state;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.certificate.CertificateWarnings;
import io.mooring.monitor.dependency.MonitorDependencies;
import io.mooring.monitor.dependency.MonitorDependencies.Upstream;
import io.mooring.monitor.incident.IncidentTracker;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.monitor.probe.ProbeResult;
import io.mooring.monitor.probe.ProbeStatus;
import io.mooring.monitor.rollup.CheckRollups;
import io.mooring.monitor.rollup.CountedCheck;
import io.mooring.monitor.status.maintenance.MaintenanceWindows;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Takes in each check's result: updates the monitor's status, changes its state by the
 * {@link StateRules} (recorded and published by {@link StateHistory}), counts it in its roll-up buckets ({@link CheckRollups}),
 * warns once per certificate about one expiring soon ({@link CertificateWarnings}),
 * and opens (unless a maintenance window covers it, or a monitor it depends on is DOWN: then it is named in that
 * one's incident) or resolves its incident, all in
 * one transaction under the monitor's row lock, so results, API changes and pauses of one monitor
 * apply one after another. A result for a monitor deleted or paused meanwhile is dropped.
 */
@Singleton
public class CheckOutcomes {
    private final MonitorRepository monitors;
    private final CheckStatuses statuses;
    private final IncidentTracker incidents;
    private final StateHistory history;
    private final CheckRollups rollups;
    private final MaintenanceWindows maintenance;
    private final MonitorDependencies dependencies;
    private final CertificateWarnings certificates;
    private final StateRules rules = StateRules.DEFAULT;

    public CheckOutcomes(MonitorRepository monitors, CheckStatuses statuses, IncidentTracker incidents, StateHistory history,
                         CheckRollups rollups, MaintenanceWindows maintenance, MonitorDependencies dependencies,
                         CertificateWarnings certificates) {
        this.certificates = certificates;
        this.monitors = monitors;
        this.statuses = statuses;
        this.incidents = incidents;
        this.history = history;
        this.rollups = rollups;
        this.maintenance = maintenance;
        this.dependencies = dependencies;
    }

    /** One check's result, for {@link #recordAll}. */
    public record Checked(UUID monitorId, ProbeResult result, Instant at) {
    }

    /**
     * Records the results of distinct monitors in one transaction, as {@link #record} does each: their rows are locked
     * together, and the statuses and uptime counts of results that change nothing else are written in one batch. A
     * result no newer than its monitor's last recorded check is skipped: it was recorded already (by an attempt whose
     * answer was lost, or by another replica's writer), so none counts twice.
     */
    @Transactional
    public void recordAll(List<Checked> checked) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Checked one : checked) {
            if (!ids.add(one.monitorId())) {
                throw new IllegalArgumentException("two results of monitor " + one.monitorId() + " in one batch");
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        rollups.lockCompactionMark();
        Map<UUID, Monitor> locked = new HashMap<>();
        monitors.lockAllById(ids).forEach(monitor -> locked.put(monitor.id(), monitor));
        Map<UUID, CheckStatus> previous = statuses.findAll(ids);
        Pending pending = new Pending();
        for (Checked one : checked) {
            Monitor monitor = locked.get(one.monitorId());
            CheckStatus last = previous.get(one.monitorId());
            if (monitor != null && monitor.state() != MonitorState.PAUSED
                    && (last == null || last.checkedAt().isBefore(one.at()))) {
                apply(monitor, last, one.result(), one.at(), pending);
            }
        }
        pending.finish();
    }

    /**
     * Statuses not written yet (written before any other change of the transaction, and at its end), and the checks to
     * count in the roll-ups, counted together at its end.
     */
    private final class Pending {
        private final List<CheckStatus> statuses = new ArrayList<>();
        private final List<CountedCheck> counted = new ArrayList<>();

        void flush() {
            CheckOutcomes.this.statuses.saveAll(statuses);
            statuses.clear();
        }

        void finish() {
            flush();
            rollups.count(counted);
            counted.clear();
        }
    }

    private void apply(Monitor monitor, CheckStatus previous, ProbeResult result, Instant at, Pending pending) {
        UUID monitorId = monitor.id();
        StateRules.Verdict verdict = rules.judge(monitor, CheckStatus.after(previous, monitorId, result, at));
        CheckStatus status = verdict.status();
        pending.statuses.add(status);
        pending.counted.add(new CountedCheck(monitorId, at, result.status(), status.latencyMillis()));
        certificates.checked(monitor, result.certificateDaysLeft(), at);
        MonitorState next = verdict.next();
        // it went down while the monitor it depends on was down, which has recovered since
        boolean ownIncident = next == null && monitor.state() == MonitorState.DOWN && result.status() == ProbeStatus.DOWN
                && dependencies.upstream(monitorId).filter(upstream -> !upstream.down()).isPresent()
                && !incidents.hasOpen(monitor) && !maintenance.covers(monitorId, at);
        // it stopped flapping while answering: the incident kept open for it can close now
        boolean stoppedFlapping = next == null && monitor.state() != MonitorState.DOWN && !status.flapping()
                && previous != null && previous.flapping();
        if (next == null && !ownIncident && !stoppedFlapping) {
            return; // nothing more to write for this result
        }
        pending.flush();
        if (next != null) {
            String reason = result.reason() + (status.flapping() ? " (flapping)" : "");
            Optional<Upstream> downUpstream = next == MonitorState.DOWN
                    ? dependencies.upstream(monitorId).filter(Upstream::down) : Optional.empty();
            if (downUpstream.isPresent()) {
                reason = "depends on " + downUpstream.get().name() + " which is down";
            }
            monitors.update(monitor.withState(next, at));
            history.changed(monitor, next, reason, at);
            if (next == MonitorState.DOWN) {
                if (downUpstream.isPresent()) {
                    // the monitor it depends on has the incident: this one is named there
                    incidents.dependentDown(downUpstream.get().id(), monitor, at);
                } else if (!maintenance.covers(monitorId, at)) {
                    incidents.wentDown(monitor, result.reason(), at);
                }
            } else {
                incidents.answering(monitor, status.flapping(), result.reason(), at);
            }
        } else if (ownIncident) {
            incidents.wentDown(monitor, result.reason(), at);
        } else {
            incidents.answering(monitor, false, "stable again: " + result.reason(), at);
        }
    }
}
