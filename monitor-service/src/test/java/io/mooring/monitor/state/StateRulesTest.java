package io.mooring.monitor.state;

import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorSettings;
import io.mooring.monitor.probe.ProbeResult;
import io.mooring.monitor.probe.ProbeStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StateRulesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final StateRules rules = StateRules.DEFAULT;
    private final UUID id = UUID.randomUUID();

    private Monitor monitor(MonitorState state, int failureThreshold, int successThreshold) {
        return new Monitor(id, null, "web", MonitorKind.HTTP, "https://example.org/", 30, null, state, null, T0, T0,
                MonitorSettings.NONE, 10, failureThreshold, successThreshold);
    }

    private static ProbeResult result(ProbeStatus status) {
        return new ProbeResult(status, Duration.ofMillis(5), status == ProbeStatus.DOWN ? "HTTP 503" : "HTTP 200", null);
    }

    /** Applies the results in order, 30 s apart, and returns the states the monitor went through. */
    private record Run(MonitorState state, CheckStatus status) {
    }

    private Run run(Monitor start, ProbeStatus... outcomes) {
        Monitor monitor = start;
        CheckStatus status = null;
        Instant at = T0;
        for (ProbeStatus outcome : outcomes) {
            at = at.plusSeconds(30);
            StateRules.Verdict verdict = rules.judge(monitor, CheckStatus.after(status, id, result(outcome), at));
            status = verdict.status();
            if (verdict.next() != null) {
                monitor = monitor.withState(verdict.next(), at);
            }
        }
        return new Run(monitor.state(), status);
    }

    @Test
    void oneFailedCheckIsABlipNotAnOutage() {
        assertThat(run(monitor(MonitorState.UP, 2, 1), ProbeStatus.DOWN).state()).isEqualTo(MonitorState.UP);
        assertThat(run(monitor(MonitorState.UP, 2, 1), ProbeStatus.DOWN, ProbeStatus.UP, ProbeStatus.DOWN).state())
                .isEqualTo(MonitorState.UP);
    }

    @Test
    void goesDownAfterTheFailureThresholdAndUpAfterTheSuccessThreshold() {
        assertThat(run(monitor(MonitorState.UP, 2, 1), ProbeStatus.DOWN, ProbeStatus.DOWN).state()).isEqualTo(MonitorState.DOWN);
        assertThat(run(monitor(MonitorState.DOWN, 2, 3), ProbeStatus.UP, ProbeStatus.UP).state()).isEqualTo(MonitorState.DOWN);
        assertThat(run(monitor(MonitorState.DOWN, 2, 3), ProbeStatus.UP, ProbeStatus.UP, ProbeStatus.UP).state())
                .isEqualTo(MonitorState.UP);
    }

    @Test
    void aSlowAnswerIsDegradedAndAFastOneUpAgain() {
        assertThat(run(monitor(MonitorState.UNKNOWN, 2, 1), ProbeStatus.DEGRADED).state()).isEqualTo(MonitorState.DEGRADED);
        assertThat(run(monitor(MonitorState.DEGRADED, 2, 1), ProbeStatus.UP).state()).isEqualTo(MonitorState.UP);
        assertThat(run(monitor(MonitorState.DEGRADED, 2, 1), ProbeStatus.DOWN, ProbeStatus.DOWN).state())
                .isEqualTo(MonitorState.DOWN);
    }

    @Test
    void fiveChangesWithinTwentyIntervalsAreFlapping() {
        Run flapping = run(monitor(MonitorState.UP, 1, 1), ProbeStatus.DOWN, ProbeStatus.UP, ProbeStatus.DOWN,
                ProbeStatus.UP, ProbeStatus.DOWN);
        assertThat(flapping.status().flapping()).isTrue();
        assertThat(run(monitor(MonitorState.UP, 1, 1), ProbeStatus.DOWN, ProbeStatus.UP, ProbeStatus.DOWN, ProbeStatus.UP)
                .status().flapping()).isFalse();
    }

    @Test
    void stopsFlappingOnceTheChangesAgeOutOfTheWindow() {
        ProbeStatus[] outcomes = new ProbeStatus[5 + 21];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = i < 5 ? (i % 2 == 0 ? ProbeStatus.DOWN : ProbeStatus.UP) : ProbeStatus.UP;
        }
        Run calm = run(monitor(MonitorState.UP, 1, 1), outcomes);
        assertThat(calm.state()).isEqualTo(MonitorState.UP);
        assertThat(calm.status().flapping()).isFalse();
    }

    @Test
    void theFirstVerdictAfterUnknownIsNoChangeThatCountsTowardsFlapping() {
        Run first = run(monitor(MonitorState.UNKNOWN, 2, 1), ProbeStatus.UP);
        assertThat(first.state()).isEqualTo(MonitorState.UP);
        assertThat(first.status().stateChanges()).isEmpty();
    }
}
