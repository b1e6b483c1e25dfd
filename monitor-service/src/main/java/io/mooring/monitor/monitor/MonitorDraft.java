package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.runtime.http.ProblemException;

/**
 * A monitor to create, checked as a whole: the target must suit the kind, and only heartbeat
 * monitors have (and need) a grace period. Throws {@link ProblemException} naming the field.
 */
public record MonitorDraft(@Nullable String accountId, String name, MonitorKind kind, @Nullable String target,
                           int intervalSeconds, @Nullable Integer graceSeconds) {

    public static final int MIN_INTERVAL_SECONDS = 10;
    public static final int MAX_INTERVAL_SECONDS = 86_400;
    public static final int MAX_GRACE_SECONDS = 86_400;

    public MonitorDraft {
        if (accountId != null && accountId.isBlank()) {
            throw ProblemException.invalid("accountId", "must not be blank; leave it out for a platform monitor");
        }
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid("name", "must not be blank");
        }
        if (kind == null) {
            throw ProblemException.invalid("kind", "must be one of http, tcp, heartbeat");
        }
        if (intervalSeconds < MIN_INTERVAL_SECONDS || intervalSeconds > MAX_INTERVAL_SECONDS) {
            throw ProblemException.invalid("intervalSeconds",
                    "must be between " + MIN_INTERVAL_SECONDS + " and " + MAX_INTERVAL_SECONDS + ", was " + intervalSeconds);
        }
        checkGrace(kind, graceSeconds);
        try {
            new MonitorTarget(kind, target);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("target", e.getMessage());
        }
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
