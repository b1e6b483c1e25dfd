package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.runtime.http.ProblemException;

/**
 * A monitor to create or what an update makes of one, checked as a whole: the target must suit the
 * kind, only heartbeat monitors have (and need) a grace period, the timeout fits in the interval,
 * and the settings are those of the kind (defaults filled in). Throws {@link ProblemException}
 * naming the field.
 *
 * @param timeoutSeconds null for the default, {@link #DEFAULT_TIMEOUT_SECONDS}
 * @param settings       null for the kind's defaults
 * @param failureThreshold failed checks in a row that make the monitor DOWN; null for 2
 * @param successThreshold passed checks in a row that make it UP again; null for 1
 */
public record MonitorDraft(@Nullable String accountId, String name, MonitorKind kind, @Nullable String target,
                           int intervalSeconds, @Nullable Integer graceSeconds, @Nullable Integer timeoutSeconds,
                           @Nullable MonitorSettings settings, @Nullable Integer failureThreshold,
                           @Nullable Integer successThreshold) {

    public static final int MIN_INTERVAL_SECONDS = 10;
    public static final int MAX_INTERVAL_SECONDS = 86_400;
    /** A month and a day: a heartbeat of a weekly or monthly job waits its interval (at most a day) plus this long. */
    public static final int MAX_GRACE_SECONDS = 32 * 86_400;
    public static final int MAX_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    public static final int MAX_THRESHOLD = 10;
    public static final int DEFAULT_FAILURE_THRESHOLD = 2;
    public static final int DEFAULT_SUCCESS_THRESHOLD = 1;

    public MonitorDraft {
        if (accountId != null && accountId.isBlank()) {
            throw ProblemException.invalid("accountId", "must not be blank; leave it out for a platform monitor");
        }
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid("name", "must not be blank");
        }
        if (kind == null) {
            throw ProblemException.invalid("kind", "must be one of http, tcp, tls, postgres, redis, dns, kafka, heartbeat");
        }
        if (intervalSeconds < MIN_INTERVAL_SECONDS || intervalSeconds > MAX_INTERVAL_SECONDS) {
            throw ProblemException.invalid("intervalSeconds",
                    "must be between " + MIN_INTERVAL_SECONDS + " and " + MAX_INTERVAL_SECONDS + ", was " + intervalSeconds);
        }
        timeoutSeconds = timeoutSeconds == null ? Math.min(DEFAULT_TIMEOUT_SECONDS, intervalSeconds) : timeoutSeconds;
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS || timeoutSeconds > intervalSeconds) {
            throw ProblemException.invalid("timeoutSeconds", "must be between 1 and " + MAX_TIMEOUT_SECONDS
                    + " and at most the interval, was " + timeoutSeconds);
        }
        failureThreshold = threshold("failureThreshold", failureThreshold, DEFAULT_FAILURE_THRESHOLD);
        successThreshold = threshold("successThreshold", successThreshold, DEFAULT_SUCCESS_THRESHOLD);
        checkGrace(kind, graceSeconds);
        try {
            new MonitorTarget(kind, target);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("target", e.getMessage());
        }
        settings = MonitorChecks.normalize(kind, settings, target);
    }

    /** A draft with the default timeout and settings. */
    public MonitorDraft(@Nullable String accountId, String name, MonitorKind kind, @Nullable String target,
                        int intervalSeconds, @Nullable Integer graceSeconds) {
        this(accountId, name, kind, target, intervalSeconds, graceSeconds, null, null, null, null);
    }

    private static int threshold(String field, Integer given, int fallback) {
        int value = given == null ? fallback : given;
        if (value < 1 || value > MAX_THRESHOLD) {
            throw ProblemException.invalid(field, "must be between 1 and " + MAX_THRESHOLD + ", was " + value);
        }
        return value;
    }

    private static void checkGrace(MonitorKind kind, Integer graceSeconds) {
        if (kind != MonitorKind.HEARTBEAT) {
            if (graceSeconds != null) {
                throw ProblemException.invalid("graceSeconds", "applies to heartbeat monitors only");
            }
            return;
        }
        if (graceSeconds == null) {
            throw ProblemException.invalid("graceSeconds", "is required for heartbeat monitors");
        }
        if (graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
            throw ProblemException.invalid("graceSeconds", "must be between 0 and " + MAX_GRACE_SECONDS + ", was " + graceSeconds);
        }
    }
}
