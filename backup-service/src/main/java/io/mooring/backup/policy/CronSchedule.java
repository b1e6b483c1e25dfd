package io.mooring.backup.policy;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) with the classic Unix
 * cron semantics of cron-utils' {@code UNIX} definition: lists, ranges, steps, month and weekday
 * names, 0 and 7 both Sunday, and when both day fields are restricted a day matches either.
 *
 * <p>It is read on the wall clock of a time zone. A wall-clock time that a daylight-saving change
 * skips fires as late as the clock jumped (02:30 on a spring-forward night of Europe/Berlin fires
 * at 03:30 CEST), so a daily schedule still runs that day; a time that the clock passes twice
 * fires once, the first time.
 *
 * <p>{@link #parse} throws {@link IllegalArgumentException} with a message naming the field that
 * is wrong; it also rejects expressions that can never fire (e.g. {@code 0 0 30 2 *}).
 */
public final class CronSchedule {
    private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
    private static final Pattern ALLOWED = Pattern.compile("[0-9A-Za-z*/,\\s-]*");
    private static final List<String> FIELDS = List.of("minute", "hour", "day-of-month", "month", "day-of-week");
    private static final String PARSER_PREFIX = "Failed to parse cron expression. ";
    /** From here an expression that can fire at all finds its first time (29 February included). */
    private static final ZonedDateTime EPOCH = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final String expression;
    private final ExecutionTime executions;

    private CronSchedule(String expression, Cron cron) {
        this.expression = expression;
        this.executions = ExecutionTime.forCron(cron);
        if (executions.nextExecution(EPOCH).isEmpty()) {
            throw new IllegalArgumentException("day-of-month never occurs in the chosen months, so '" + expression
                    + "' would never run");
        }
    }

    /** Parses {@code expression}; fields may be separated by any run of whitespace. */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("must be a cron expression, was empty");
        }
        if (!ALLOWED.matcher(expression).matches()) {
            throw new IllegalArgumentException("may only contain digits, names, '*', '/', ',' and '-'");
        }
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != FIELDS.size()) {
            throw new IllegalArgumentException("must have 5 fields (minute hour day-of-month month day-of-week), had "
                    + fields.length);
        }
        CronParser parser = new CronParser(UNIX);
        for (int i = 0; i < fields.length; i++) {
            checkField(parser, fields, i);
        }
        String normalised = String.join(" ", fields);
        return new CronSchedule(normalised, parser.parse(normalised).validate());
    }

    /** Parses field {@code i} alone (every other field {@code *}), so that an error names its field. */
    private static void checkField(CronParser parser, String[] fields, int i) {
        String[] probe = {"*", "*", "*", "*", "*"};
        probe[i] = fields[i];
        try {
            parser.parse(String.join(" ", probe)).validate();
        } catch (IllegalArgumentException e) {
            String reason = Objects.requireNonNullElse(e.getMessage(), "is not valid");
            throw new IllegalArgumentException(FIELDS.get(i) + ": " + reason.replace(PARSER_PREFIX, "").strip(), e);
        }
    }

    /** The expression with its fields separated by single spaces. */
    public String expression() {
        return expression;
    }

    /** The first time strictly after {@code after} (UTC) at which the schedule fires. */
    public Instant nextAfter(Instant after) {
        return nextAfter(after, ZoneOffset.UTC);
    }

    /** The first time strictly after {@code after} at which the schedule fires, read on the wall clock of {@code zone}. */
    public Instant nextAfter(Instant after, ZoneId zone) {
        // cron-utils walks the wall clock (a UTC timeline standing for local time); each wall-clock
        // time becomes an instant by java.time's rules: a skipped time moves forward by the gap, a
        // repeated one takes its first (earlier) offset.
        LocalDateTime wall = searchStart(after, zone);
        while (true) {
            LocalDateTime next = executions.nextExecution(wall.atZone(ZoneOffset.UTC))
                    .orElseThrow(() -> new IllegalStateException("'" + expression + "' never fires after " + after))
                    .toLocalDateTime();
            Instant fires = next.atZone(zone).toInstant();
            if (fires.isAfter(after)) {
                return fires;
            }
            wall = next;
        }
    }

    /** Where the wall-clock search begins: just before a gap that {@code after} lies in the shadow of. */
    private static LocalDateTime searchStart(Instant after, ZoneId zone) {
        LocalDateTime wall = LocalDateTime.ofInstant(after, zone);
        ZoneOffsetTransition last = zone.getRules().previousTransition(after.plusNanos(1));
        if (last != null && last.isGap() && after.isBefore(last.getInstant().plus(last.getDuration()))) {
            // times in the gap fire up to one gap-length after the change: they may still be ahead
            LocalDateTime gapStart = last.getDateTimeBefore().minusNanos(1);
            return gapStart.isBefore(wall) ? gapStart : wall;
        }
        return wall;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronSchedule that && expression.equals(that.expression);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression);
    }

    @Override
    public String toString() {
        return expression;
    }
}
