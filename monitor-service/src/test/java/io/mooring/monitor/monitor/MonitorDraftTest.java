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

    @Test
    void acceptsAKafkaClusterByItsBootstrapServersAndCredentialsByName() {
        MonitorDraft draft = new MonitorDraft(null, "events", MonitorKind.KAFKA, "kafka-1.example.org:9093,[2001:db8::7]:9093",
                60, null, null, settings(null, "prod", null), null, null);

        assertThat(draft.settings().credentials()).isEqualTo("prod");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka-1.example.org", "kafka-1:9092,", "kafka-1:9092, kafka-2:9092", "kafka-1:0", ","})
    void rejectsBootstrapServersThatAreNotAListOfHostPort(String target) {
        assertRejected(() -> new MonitorDraft(null, "events", MonitorKind.KAFKA, target, 60, null), "target");
    }

    @Test
    void namesTheSettingOfBadCredentialsOrMonitorRoles() {
        assertRejected(() -> new MonitorDraft(null, "events", MonitorKind.KAFKA, "kafka-1:9092", 60, null, null,
                settings(null, "Prod Cluster", null), null, null), "settings.credentials");
        assertRejected(() -> new MonitorDraft(null, "web", MonitorKind.HTTP, "https://example.org/", 60, null, null,
                settings(null, "prod", null), null, null), "settings.credentials");
        assertRejected(() -> new MonitorDraft(null, "db", MonitorKind.POSTGRES, "db.example.org:5432", 60, null, null,
                settings(null, null, "monitor\u0000"), null, null), "settings.monitorRole");
    }

    @Test
    void aMonitorRoleBringsItsOwnUserAndTls() {
        MonitorSettings withRole = new MonitorSettings(null, null, null, null, null, null, null, null, null, null, "app",
                null, null, null, null, "monitor");
        MonitorDraft draft = new MonitorDraft(null, "db", MonitorKind.POSTGRES, "db.example.org:5432", 60, null, null,
                withRole, null, null);
        assertThat(draft.settings().user()).isNull();
        assertThat(draft.settings().monitorRole()).isEqualTo("monitor");

        MonitorSettings withUser = new MonitorSettings(null, null, null, null, null, null, null, null, null, "someone", "app",
                null, null, null, null, "monitor");
        assertRejected(() -> new MonitorDraft(null, "db", MonitorKind.POSTGRES, "db.example.org:5432", 60, null, null,
                withUser, null, null), "settings.user");
    }

    @Test
    void anInvalidJsonPathOrConditionIsRefusedAtCreationNamingIt() {
        assertRejected(() -> httpWith(new MonitorSettings.JsonConditionSettings("$..", "ok", null, null, null, null)),
                "settings.jsonCondition.jsonPath");
        assertRejected(() -> httpWith(new MonitorSettings.JsonConditionSettings(null, "ok", null, null, null, null)),
                "settings.jsonCondition.jsonPath");
        assertRejected(() -> httpWith(new MonitorSettings.JsonConditionSettings("$.status", "ok", "down", null, null, null)),
                "settings.jsonCondition");
        assertRejected(() -> httpWith(new MonitorSettings.JsonConditionSettings("$.status", null, null, null, null, null)),
                "settings.jsonCondition");
        assertRejected(() -> httpWith(new MonitorSettings.JsonConditionSettings("$.status", "x".repeat(10_000), null, null, null, null)),
                "settings.jsonCondition.equals");
        assertThat(httpWith(new MonitorSettings.JsonConditionSettings("$.checks[?(@.ok == false)]", null, null, false, null, null))
                .settings().jsonCondition().exists()).isFalse();
    }

    private static MonitorDraft httpWith(MonitorSettings.JsonConditionSettings condition) {
        return new MonitorDraft(null, "web", MonitorKind.HTTP, "https://example.org/health", 60, null, null,
                new MonitorSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, condition,
                        null, null), null, null);
    }

    private static MonitorSettings settings(MonitorSettings.JsonConditionSettings condition, String credentials, String role) {
        return new MonitorSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, condition,
                credentials, role);
    }

    private static void assertRejected(Runnable draft, String field) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, draft::run);
        assertThat(problem).as("a draft with a bad %s", field).isNotNull();
        assertThat(problem.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(problem.toProblem("/v1/monitors").errors()).extracting(Problem.FieldError::field).containsExactly(field);
    }
}
