package io.mooring.monitor.heartbeat;

import io.micronaut.core.annotation.Nullable;
import io.mooring.runtime.http.ProblemException;
import io.mooring.monitor.monitor.Clearable;

/**
 * What a PATCH says of a heartbeat's schedule. Each field absent (null) keeps what the heartbeat has;
 * {@code "schedule": null} takes the schedule away (the heartbeat is then due one period after its last
 * check-in, plus its grace), {@code "timeZone": null} reads the schedule in UTC. A new schedule without
 * a time zone keeps the heartbeat's zone. The result is read exactly as at creation.
 */
public record ScheduleChange(@Nullable Clearable schedule, @Nullable Clearable timeZone) {
    /** As the create request's {@code @Size} limits. */
    static final int MAX_SCHEDULE = 200;
    static final int MAX_TIME_ZONE = 64;

    /** Whether the request said anything of the schedule. */
    public boolean any() {
        return schedule != null || timeZone != null;
    }

    /**
     * The schedule after the change, given the current one (null: the heartbeat has a period).
     *
     * @throws ProblemException 400 naming {@code schedule} or {@code timeZone}
     */
    public @Nullable HeartbeatSchedule applyTo(@Nullable HeartbeatSchedule current) {
        checkLength(schedule, "schedule", MAX_SCHEDULE);
        checkLength(timeZone, "timeZone", MAX_TIME_ZONE);
        if (schedule != null && schedule.cleared()) {
            if (timeZone != null && !timeZone.cleared()) {
                throw ProblemException.invalid("timeZone", "applies only with a schedule");
            }
            return null;
        }
        String expression = schedule != null ? schedule.text() : current == null ? null : current.expression();
        String zone = timeZone != null ? timeZone.text() : current == null ? null : current.timeZoneId();
        return HeartbeatSchedule.parse(expression, zone);
    }

    private static void checkLength(@Nullable Clearable field, String name, int max) {
        if (field != null && !field.cleared() && (field.text().isEmpty() || field.text().length() > max)) {
            throw ProblemException.invalid(name, "size must be between 1 and " + max);
        }
    }
}
