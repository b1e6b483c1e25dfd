package io.mooring.backup.policy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) evaluated in UTC, with
 * the classic cron semantics: lists, ranges, steps, month and weekday names, 0 and 7 both Sunday,
 * and when both day fields are restricted a day matches either of them.
 *
 * <p>{@link #parse} throws {@link IllegalArgumentException} with a message naming the field that
 * is wrong; it also rejects expressions that can never fire (e.g. {@code 0 0 30 2 *}).
 */
public final class CronSchedule {

    private static final Pattern ALLOWED = Pattern.compile("[0-9A-Za-z*/,\\s-]*");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,2}");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Long enough to reach a 29 February that falls on a given weekday. */
    private static final long SEARCH_YEARS = 30;

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronSchedule(String[] fields) {
        this.expression = String.join(" ", fields);
        this.minutes = new Field("minute", 0, 59, List.of()).parse(fields[0]);
        this.hours = new Field("hour", 0, 23, List.of()).parse(fields[1]);
        this.daysOfMonth = new Field("day-of-month", 1, 31, List.of()).parse(fields[2]);
        this.months = new Field("month", 1, 12, MONTHS).parse(fields[3]);
        BitSet weekdays = new Field("day-of-week", 0, 7, WEEKDAYS).parse(fields[4]);
        if (weekdays.get(7)) {
            weekdays.set(0);
            weekdays.clear(7);
        }
        this.daysOfWeek = weekdays;
        this.dayOfMonthRestricted = !fields[2].startsWith("*");
        this.dayOfWeekRestricted = !fields[4].startsWith("*");
        requireSomeDay();
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
        if (fields.length != 5) {
            throw new IllegalArgumentException("must have 5 fields (minute hour day-of-month month day-of-week), had "
                    + fields.length);
        }
        return new CronSchedule(fields);
    }

    /** The expression with its fields separated by single spaces. */
    public String expression() {
        return expression;
    }

    /** The first time strictly after {@code after} (UTC, whole minutes) at which the schedule fires. */
    public Instant nextAfter(Instant after) {
        return nextAfter(after, ZoneOffset.UTC);
    }

    /** The first time strictly after {@code after} at which the schedule fires, read in {@code zone}. */
    public Instant nextAfter(Instant after, ZoneId zone) {
        LocalDateTime t = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = t.plusYears(SEARCH_YEARS);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                Instant next = t.atZone(zone).toInstant();
                if (next.isAfter(after)) {
                    return next;
                }
                t = t.plusMinutes(1);
            }
        }
        throw new IllegalStateException("'" + expression + "' does not fire within " + SEARCH_YEARS + " years");
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    /** With only the day of month restricted, some chosen month must have one of the chosen days. */
    private void requireSomeDay() {
        if (dayOfWeekRestricted) {
            return;
        }
        for (int month = months.nextSetBit(1); month >= 0; month = months.nextSetBit(month + 1)) {
            int firstDay = daysOfMonth.nextSetBit(1);
            if (firstDay >= 0 && firstDay <= Month.of(month).maxLength()) {
                return;
            }
        }
        throw new IllegalArgumentException("day-of-month never occurs in the chosen months, so '" + expression
                + "' would never run");
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

    /** One field's bounds and names; parses {@code a}, {@code a-b}, {@code *}, each with an optional {@code /step}, comma-separated. */
    private record Field(String name, int min, int max, List<String> names) {

        BitSet parse(String text) {
            BitSet values = new BitSet(max + 1);
            for (String item : text.split(",", -1)) {
                addItem(item, values);
            }
            return values;
        }

        private void addItem(String item, BitSet values) {
            if (item.isEmpty()) {
                throw invalid("has an empty list item");
            }
            String[] stepParts = item.split("/", -1);
            if (stepParts.length > 2) {
                throw invalid("has more than one '/' in '" + item + "'");
            }
            int step = stepParts.length == 2 ? step(stepParts[1]) : 1;
            String range = stepParts[0];
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", -1);
                if (bounds.length != 2) {
                    throw invalid("has a malformed range '" + range + "'");
                }
                from = value(bounds[0]);
                to = value(bounds[1]);
                if (from > to) {
                    throw invalid("has a range that runs backwards: '" + range + "'");
                }
            } else {
                from = value(range);
                to = stepParts.length == 2 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }

        private int step(String text) {
            if (!NUMBER.matcher(text).matches() || Integer.parseInt(text) == 0) {
                throw invalid("has a step that is not a number from 1 to 99: '" + text + "'");
            }
            return Integer.parseInt(text);
        }

        private int value(String text) {
            int index = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (index >= 0) {
                return index + (name.equals("month") ? 1 : 0);
            }
            if (!NUMBER.matcher(text).matches()) {
                throw invalid("has '" + text + "', which is neither a number nor a known name");
            }
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw invalid("must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }

        private IllegalArgumentException invalid(String problem) {
            return new IllegalArgumentException(name + " " + problem);
        }
    }
}
