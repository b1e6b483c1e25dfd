package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;
import io.mooring.monitor.heartbeat.ScheduleChange;

/**
 * What an update changes; a null field stays as it is. {@code settings}, when given, replaces the
 * monitor's settings as a whole (unset fields take the kind's defaults). {@code schedule}: a heartbeat's
 * schedule and time zone (see {@link ScheduleChange}). Kind and account never change.
 */
public record MonitorChanges(@Nullable String name, @Nullable String target, @Nullable Integer intervalSeconds,
                             @Nullable Integer timeoutSeconds, @Nullable Integer graceSeconds,
                             @Nullable MonitorSettings settings, @Nullable Integer failureThreshold,
                             @Nullable Integer successThreshold, @Nullable ScheduleChange schedule) {

    /** Changes that leave a heartbeat's schedule as it is. */
    public MonitorChanges(@Nullable String name, @Nullable String target, @Nullable Integer intervalSeconds,
                          @Nullable Integer timeoutSeconds, @Nullable Integer graceSeconds,
                          @Nullable MonitorSettings settings, @Nullable Integer failureThreshold,
                          @Nullable Integer successThreshold) {
        this(name, target, intervalSeconds, timeoutSeconds, graceSeconds, settings, failureThreshold, successThreshold, null);
    }

    /** The monitor as these changes would leave it, validated as a whole. */
    MonitorDraft applyTo(Monitor monitor) {
        int interval = intervalSeconds == null ? monitor.intervalSeconds() : intervalSeconds;
        Integer timeout = timeoutSeconds != null ? timeoutSeconds
                // a shorter interval carries a longer timeout down with it rather than refusing
                : Math.min(monitor.timeoutSeconds(), interval);
        return new MonitorDraft(monitor.accountId(), name == null ? monitor.name() : name, monitor.kind(),
                target == null ? monitor.target() : target, interval,
                graceSeconds == null ? monitor.graceSeconds() : graceSeconds, timeout,
                settings == null ? monitor.settings() : settings,
                failureThreshold == null ? monitor.failureThreshold() : failureThreshold,
                successThreshold == null ? monitor.successThreshold() : successThreshold);
    }
}
