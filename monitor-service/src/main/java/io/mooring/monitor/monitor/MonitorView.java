package io.mooring.monitor.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import io.mooring.monitor.heartbeat.HeartbeatDeadlines;
import io.mooring.monitor.heartbeat.HeartbeatSchedule;
import io.mooring.monitor.state.CheckStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * A monitor as the API shows it. {@code heartbeatToken} is set only in the answer to the request
 * that created a heartbeat monitor; everywhere else it is absent. {@code schedule} and
 * {@code timeZone}: a scheduled heartbeat's. {@code lastCheckInAt}: when a heartbeat's job last
 * checked in (GET answers; absent before the first check-in).
 */
@Serdeable
public record MonitorView(UUID id, @Nullable String accountId, String name, String kind, @Nullable String target,
                          int intervalSeconds, int timeoutSeconds, @Nullable Integer graceSeconds,
                          int failureThreshold, int successThreshold, String state,
                          MonitorSettings settings, Instant createdAt, Instant updatedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable LastCheck lastCheck,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String schedule,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String timeZone,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant lastCheckInAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String heartbeatToken) {

    /**
     * What the monitor's last check found, in the answers of GET (absent before the first check).
     *
     * @param outcome UP, DEGRADED or DOWN
     */
    @Serdeable
    public record LastCheck(Instant checkedAt, String outcome, long latencyMillis, String reason,
                            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long certificateDaysLeft,
                            int consecutiveFailures, int consecutiveSuccesses, boolean flapping) {

        static @Nullable LastCheck of(@Nullable CheckStatus status) {
            return status == null ? null : new LastCheck(status.checkedAt(), status.outcome().name(), status.latencyMillis(),
                    status.reason(), status.certificateDaysLeft(), status.consecutiveFailures(),
                    status.consecutiveSuccesses(), status.flapping());
        }
    }

    public static MonitorView of(Monitor monitor) {
        return of(monitor, null, null, null);
    }

    public static MonitorView of(Monitor monitor, @Nullable CheckStatus status) {
        return of(monitor, status, null, null);
    }

    public static MonitorView of(Monitor monitor, @Nullable CheckStatus status, @Nullable HeartbeatDeadlines.Shown heartbeat) {
        return of(monitor, status, heartbeat, null);
    }

    /** The answer to a create request: the only one that carries the heartbeat token. */
    public static MonitorView of(MonitorRegistry.Registered registered) {
        String token = registered.heartbeatToken() == null ? null : registered.heartbeatToken().value();
        HeartbeatSchedule schedule = registered.schedule();
        return of(registered.monitor(), null, schedule == null ? null
                : new HeartbeatDeadlines.Shown(schedule.expression(), schedule.timeZoneId(), null), token);
    }

    private static MonitorView of(Monitor monitor, @Nullable CheckStatus status, @Nullable HeartbeatDeadlines.Shown heartbeat,
                                  @Nullable String token) {
        return new MonitorView(monitor.id(), monitor.accountId(), monitor.name(), monitor.kind().wireName(),
                monitor.target(), monitor.intervalSeconds(), monitor.timeoutSeconds(), monitor.graceSeconds(),
                monitor.failureThreshold(), monitor.successThreshold(),
                monitor.state().wireName(), monitor.settings(), monitor.createdAt(), monitor.updatedAt(),
                LastCheck.of(status), heartbeat == null ? null : heartbeat.schedule(),
                heartbeat == null ? null : heartbeat.timeZone(), heartbeat == null ? null : heartbeat.lastCheckInAt(), token);
    }
}
