package io.mooring.backup.policy;

import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

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

    // the reasons after the field name are cron-utils' own words
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                | must be a cron expression",
            "0 3 * *           | must have 5 fields",
            "0 0 3 * * *       | must have 5 fields",
            "60 3 * * *        | minute: Value 60 not in range [0, 59]",
            "0 24 * * *        | hour: Value 24 not in range [0, 23]",
            "0 3 0 * *         | day-of-month: Value 0 not in range [1, 31]",
            "0 3 * 13 *        | month: Value 13 not in range [1, 12]",
            "0 3 * * 8         | day-of-week: Value 8 not in range [0, 7]",
            "0 3 * * MON-FOO   | day-of-week: Invalid chars in expression! Expression: FOO",
            "0 5-1 * * *       | hour: Invalid range! [5,1]",
            "*/0 3 * * *       | minute: Period 0 not in range",
            "0 3 1,,2 * *      | day-of-month: Invalid chars in expression",
            "0 3 1-2-3 * *     | day-of-month: Missing values for range: 1-2-3",
            "0 3 */2/2 * *     | day-of-month: Invalid expression: */2/2",
            "0 3 L * *         | day-of-month: Invalid chars in expression! Expression: L",
            "0 3 * * 5#2       | may only contain",
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

    @Test
    void rejectsNulAndControlCharacters() {
        assertThatIllegalArgumentException().isThrownBy(() -> CronSchedule.parse("0\u0000 3 * * *"))
                .withMessageContaining("may only contain");
    }

    @Test
    void rejectsTenKilobytesOfCronNamingTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> CronSchedule.parse("1,".repeat(5_000) + " * * * *"))
                .withMessageContaining("minute");
    }

    @Test
    void readsTheScheduleOnTheWallClockOfTheZone() {
        CronSchedule nightly = CronSchedule.parse("0 3 * * *");

        // 03:00 in Berlin is 02:00 UTC in winter and 01:00 UTC in summer
        assertThat(nightly.nextAfter(at("2026-01-10T00:00:00Z"), BERLIN)).isEqualTo(at("2026-01-10T02:00:00Z"));
        assertThat(nightly.nextAfter(at("2026-07-10T00:00:00Z"), BERLIN)).isEqualTo(at("2026-07-10T01:00:00Z"));
        assertThat(nightly.nextAfter(at("2026-07-10T00:00:00Z"), ZoneId.of("America/New_York")))
                .isEqualTo(at("2026-07-10T07:00:00Z"));
    }

    @Test
    void springForwardInBerlinStillRunsADailyScheduleWhoseTimeIsSkipped() {
        // 2026-03-29: clocks jump from 02:00 CET to 03:00 CEST, so 02:30 does not exist that night
        CronSchedule schedule = CronSchedule.parse("30 2 * * *");

        assertThat(runs(schedule, at("2026-03-28T00:00:00Z"), 3)).containsExactly(
                at("2026-03-28T01:30:00Z"),  // 02:30 CET
                at("2026-03-29T01:30:00Z"),  // 03:30 CEST: as late as the clock jumped
                at("2026-03-30T00:30:00Z")); // 02:30 CEST
        // asked from inside the jump, the moved run is still ahead
        assertThat(schedule.nextAfter(at("2026-03-29T01:10:00Z"), BERLIN)).isEqualTo(at("2026-03-29T01:30:00Z"));
    }

    @Test
    void springForwardInBerlinKeepsTimesOutsideTheGap() {
        assertThat(runs(CronSchedule.parse("0 3 * * *"), at("2026-03-28T12:00:00Z"), 2))
                .containsExactly(at("2026-03-29T01:00:00Z"), at("2026-03-30T01:00:00Z"));
        // every four hours: 00:00 CET, then 04:00 and 08:00 CEST, three hours apart across the jump
        assertThat(runs(CronSchedule.parse("0 */4 * * *"), at("2026-03-28T22:30:00Z"), 3))
                .containsExactly(at("2026-03-28T23:00:00Z"), at("2026-03-29T02:00:00Z"), at("2026-03-29T06:00:00Z"));
    }

    @Test
    void fallBackInBerlinRunsARepeatedTimeOnce() {
        // 2026-10-25: clocks go back from 03:00 CEST to 02:00 CET, so 02:30 happens twice
        CronSchedule schedule = CronSchedule.parse("30 2 * * *");

        assertThat(runs(schedule, at("2026-10-24T12:00:00Z"), 3)).containsExactly(
                at("2026-10-25T00:30:00Z"),  // 02:30 CEST, the first time
                at("2026-10-26T01:30:00Z"),  // the next day, 02:30 CET; not 01:30Z the same day
                at("2026-10-27T01:30:00Z"));
    }

    @Test
    void fallBackInBerlinKeepsTheDailyRhythmOfOtherTimes() {
        assertThat(runs(CronSchedule.parse("0 3 * * *"), at("2026-10-24T12:00:00Z"), 2))
                .containsExactly(at("2026-10-25T02:00:00Z"), at("2026-10-26T02:00:00Z"));
        assertThat(runs(CronSchedule.parse("0 1 * * *"), at("2026-10-24T12:00:00Z"), 2))
                .containsExactly(at("2026-10-24T23:00:00Z"), at("2026-10-26T00:00:00Z"));
    }

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static List<Instant> runs(CronSchedule schedule, Instant from, int count) {
        List<Instant> runs = new ArrayList<>();
        Instant t = from;
        for (int i = 0; i < count; i++) {
            t = schedule.nextAfter(t, BERLIN);
            runs.add(t);
        }
        return runs;
    }
}
