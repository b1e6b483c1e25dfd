package io.mooring.backup.policy;

import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CronScheduleTest {

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void firesDailyAtThreeInTheMorningUtc() {
        CronSchedule nightly = CronSchedule.parse("0 3 * * *");

        assertThat(nightly.nextAfter(at("2026-03-10T01:15:30Z"))).isEqualTo(at("2026-03-10T03:00:00Z"));
        assertThat(nightly.nextAfter(at("2026-03-10T03:00:00Z"))).isEqualTo(at("2026-03-11T03:00:00Z"));
        assertThat(nightly.nextAfter(at("2026-12-31T04:00:00Z"))).isEqualTo(at("2027-01-01T03:00:00Z"));
    }

    @ParameterizedTest(name = "{0} after {1} is {2}")
    @CsvSource({
            "'*/15 * * * *',      2026-03-10T10:07:00Z, 2026-03-10T10:15:00Z",
            "'5,35 */6 * * *',    2026-03-10T06:36:00Z, 2026-03-10T12:05:00Z",
            "'0 9-17/4 * * *',    2026-03-10T13:00:00Z, 2026-03-10T17:00:00Z",
            "'30 2 * * MON-FRI',  2026-03-13T03:00:00Z, 2026-03-16T02:30:00Z",
            "'0 0 * * 7',         2026-03-10T00:00:00Z, 2026-03-15T00:00:00Z",
            "'0 0 * * sun',       2026-03-10T00:00:00Z, 2026-03-15T00:00:00Z",
            "'0 0 1 jan,jul *',   2026-03-10T00:00:00Z, 2026-07-01T00:00:00Z",
            "'0 0 29 2 *',        2026-03-10T00:00:00Z, 2028-02-29T00:00:00Z",
            "'0 12 5/10 * *',     2026-03-16T00:00:00Z, 2026-03-25T12:00:00Z",
    })
    void findsTheNextRun(String expression, String after, String expected) {
        assertThat(CronSchedule.parse(expression).nextAfter(at(after))).isEqualTo(at(expected));
    }

    @Test
    void matchesEitherDayFieldWhenBothAreRestricted() {
        // the 13th, or any Friday: 2026-03-13 is a Friday, the next match after it is Friday the 20th
        CronSchedule schedule = CronSchedule.parse("0 0 13 * 5");

        assertThat(schedule.nextAfter(at("2026-03-01T00:00:00Z"))).isEqualTo(at("2026-03-06T00:00:00Z"));
        assertThat(schedule.nextAfter(at("2026-03-13T00:00:00Z"))).isEqualTo(at("2026-03-20T00:00:00Z"));
        assertThat(schedule.nextAfter(at("2026-04-10T00:00:00Z"))).isEqualTo(at("2026-04-13T00:00:00Z"));
    }

    @Test
    void normalisesWhitespaceSoTheExpressionFitsTheEventContract() {
        CronSchedule schedule = CronSchedule.parse("  0\t3  * *   * ");

        assertThat(schedule.expression()).isEqualTo("0 3 * * *");
        assertThat(schedule).isEqualTo(CronSchedule.parse("0 3 * * *"));
        // BackupPolicyCreated checks its schedule against the JSON Schema's pattern
        new BackupPolicyCreated("p", "a", new BackupTarget("bucket", "media"), schedule.expression(), 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                | must be a cron expression",
            "0 3 * *           | must have 5 fields",
            "0 0 3 * * *       | must have 5 fields",
            "60 3 * * *        | minute must be between 0 and 59, was 60",
            "0 24 * * *        | hour must be between 0 and 23, was 24",
            "0 3 0 * *         | day-of-month must be between 1 and 31, was 0",
            "0 3 * 13 *        | month must be between 1 and 12, was 13",
            "0 3 * * 8         | day-of-week must be between 0 and 7, was 8",
            "0 3 * * MON-FOO   | day-of-week has 'FOO'",
            "0 5-1 * * *       | hour has a range that runs backwards",
            "*/0 3 * * *       | minute has a step that is not a number",
            "0 3 1,,2 * *      | day-of-month has an empty list item",
            "0 3 1-2-3 * *     | day-of-month has a malformed range",
            "0 3 */2/2 * *     | day-of-month has more than one '/'",
            "0 3 ? * *         | may only contain",
            "@daily            | may only contain",
            "0 0 30 2 *        | would never run",
            "0 0 31 4,6,9,11 * | would never run",
    })
    void rejectsWithAReasonNamingTheField(String expression, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> CronSchedule.parse(expression))
                .withMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 31 * *", "0 0 30 2 MON", "59 23 31 12 7"})
    void acceptsDaysThatOccurInSomeChosenMonthOrWeekday(String expression) {
        assertThat(CronSchedule.parse(expression).expression()).isEqualTo(expression);
    }
}
