package io.mooring.monitor.monitor;

import io.micronaut.http.HttpStatus;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.runtime.http.Problem;
import io.mooring.runtime.http.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MonitorDraftTest {

    @Test
    void acceptsAHeartbeatWithAGracePeriodAndNoTarget() {
        assertThatCode(() -> new MonitorDraft("acc-1", "nightly", MonitorKind.HEARTBEAT, null, 86_400, 7_200))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsAPlatformHttpMonitor() {
        assertThatCode(() -> new MonitorDraft(null, "web", MonitorKind.HTTP, "https://social.example.org/health", 60, null))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 86_401})
    void rejectsIntervalsOutside10SecondsToADay(int interval) {
        assertRejected(() -> new MonitorDraft(null, "web", MonitorKind.HTTP, "https://example.org/", interval, null),
                "intervalSeconds");
    }

    @Test
    void requiresAGracePeriodForHeartbeats() {
        assertRejected(() -> new MonitorDraft(null, "nightly", MonitorKind.HEARTBEAT, null, 3_600, null), "graceSeconds");
    }

    @Test
    void rejectsAGracePeriodForProbedMonitors() {
        assertRejected(() -> new MonitorDraft(null, "db", MonitorKind.TCP, "db.example.org:5432", 60, 30), "graceSeconds");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 32 * 86_400 + 1})
    void rejectsGracePeriodsOutsideAMonthAndADay(int grace) {
        assertRejected(() -> new MonitorDraft(null, "nightly", MonitorKind.HEARTBEAT, null, 3_600, grace), "graceSeconds");
    }

    @Test
    void namesTheTargetWhenItDoesNotSuitTheKind() {
        assertRejected(() -> new MonitorDraft(null, "nightly", MonitorKind.HEARTBEAT, "https://example.org/", 3_600, 60),
                "target");
        assertRejected(() -> new MonitorDraft(null, "db", MonitorKind.TCP, "db.example.org:70000", 60, null), "target");
    }

    @Test
    void rejectsABlankNameOrAccount() {
        assertRejected(() -> new MonitorDraft(null, " ", MonitorKind.HTTP, "https://example.org/", 60, null), "name");
        assertRejected(() -> new MonitorDraft("", "web", MonitorKind.HTTP, "https://example.org/", 60, null), "accountId");
    }

    private static void assertRejected(Runnable draft, String field) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, draft::run);
        assertThat(problem).as("a draft with a bad %s", field).isNotNull();
        assertThat(problem.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(problem.toProblem("/v1/monitors").errors()).extracting(Problem.FieldError::field).containsExactly(field);
    }
}
