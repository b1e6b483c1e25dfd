package io.mooring.monitor.heartbeat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.micronaut.core.annotation.Nullable;
import io.mooring.runtime.http.ProblemException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When a scheduled heartbeat's job runs: a five-field cron expression (minute hour day-of-month month
 * day-of-week, cron-utils' Unix definition, as backup policies' schedules) read in a time zone. The
 * job is due at the first run after its last check-in.
 */
public record HeartbeatSchedule(String expression, ZoneId zone) {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final String PARSER_PREFIX = "Failed to parse cron expression. ";

    public HeartbeatSchedule {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * The schedule of a request, or null without one.
     *
     * @throws ProblemException 400 naming {@code schedule} or {@code timeZone}
     */
    public static @Nullable HeartbeatSchedule parse(@Nullable String expression, @Nullable String timeZone) {
        if (expression == null) {
            if (timeZone != null) {
                throw ProblemException.invalid("timeZone", "applies only with a schedule");
            }
            return null;
        }
        ZoneId zone;
        try {
            zone = timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw ProblemException.invalid("timeZone", "must be an IANA time zone such as Europe/Paris, was '" + timeZone + "'");
        }
        String normalized = expression.trim().replaceAll("\\s+", " ");
        try {
            ExecutionTime runs = ExecutionTime.forCron(UNIX.parse(normalized).validate());
            if (runs.nextExecution(ZonedDateTime.now(zone)).isEmpty()) {
                throw ProblemException.invalid("schedule", "never runs: '" + expression + "'");
            }
        } catch (IllegalArgumentException e) {
            String reason = Objects.requireNonNullElse(e.getMessage(), "is not valid").replace(PARSER_PREFIX, "").strip();
            throw ProblemException.invalid("schedule", "must be a five-field cron expression such as '0 3 * * *': " + reason);
        }
        return new HeartbeatSchedule(normalized, zone);
    }

    /** Reads a stored schedule (valid when it was stored). */
    public static HeartbeatSchedule stored(String expression, @Nullable String timeZone) {
        return new HeartbeatSchedule(expression, timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone));
    }

    /** The first run strictly after {@code after}. */
    public Instant nextRunAfter(Instant after) {
        ExecutionTime runs = ExecutionTime.forCron(UNIX.parse(expression));
        return runs.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant)
                .orElseThrow(() -> new IllegalStateException("'" + expression + "' never runs after " + after));
    }

    /** The time zone as given: null for UTC by default. */
    public @Nullable String timeZoneId() {
        return zone.equals(ZoneOffset.UTC) ? null : zone.getId();
    }
}
