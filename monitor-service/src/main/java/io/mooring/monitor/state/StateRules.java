package io.mooring.monitor.state;

import io.micronaut.core.annotation.Nullable;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.probe.ProbeStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When a monitor changes state: DOWN after its failure threshold of failed checks in a row, UP (or
 * DEGRADED, as the last check found) after its success threshold of passed ones. A monitor that
 * changed state {@code flapChanges} times within {@code flapWindowIntervals} of its intervals is
 * flapping.
 */
public record StateRules(int flapChanges, int flapWindowIntervals) {
    /** State changes remembered per monitor: enough for any flap threshold up to this. */
    static final int KEPT_CHANGES = 10;

    public static final StateRules DEFAULT = new StateRules(5, 20);

    public StateRules {
        if (flapChanges < 2 || flapChanges > KEPT_CHANGES) {
            throw new IllegalArgumentException("flapChanges must be 2.." + KEPT_CHANGES + ", was " + flapChanges);
        }
        if (flapWindowIntervals < 1) {
            throw new IllegalArgumentException("flapWindowIntervals must be positive, was " + flapWindowIntervals);
        }
    }

    /**
     * @param next     the new state, or null when the state stays
     * @param status   the status to keep, its state changes and flapping brought up to date
     */
    public record Verdict(@Nullable MonitorState next, CheckStatus status) {
    }

    public Verdict judge(Monitor monitor, CheckStatus status) {
        MonitorState current = monitor.state();
        MonitorState next = null;
        if (status.outcome() == ProbeStatus.DOWN) {
            if (status.consecutiveFailures() >= monitor.failureThreshold() && current != MonitorState.DOWN) {
                next = MonitorState.DOWN;
            }
        } else if (status.consecutiveSuccesses() >= monitor.successThreshold()) {
            MonitorState wanted = status.outcome() == ProbeStatus.DEGRADED ? MonitorState.DEGRADED : MonitorState.UP;
            if (current != wanted) {
                next = wanted;
            }
        }
        List<Instant> changes = new ArrayList<>(status.stateChanges());
        if (next != null && current != MonitorState.UNKNOWN) {
            changes.add(status.checkedAt());
        }
        while (changes.size() > KEPT_CHANGES) {
            changes.removeFirst();
        }
        Instant since = status.checkedAt().minus(Duration.ofSeconds((long) monitor.intervalSeconds() * flapWindowIntervals));
        long recent = changes.stream().filter(at -> !at.isBefore(since)).count();
        return new Verdict(next, status.withChanges(changes, recent >= flapChanges));
    }
}
