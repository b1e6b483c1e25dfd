package io.mooring.backup.policy;

import io.mooring.backup.policy.RetentionRules.Artifact;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The retention rules keep what restic's {@code forget} would keep (ids here are the artifacts' times). */
class RetentionRulesTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static RetentionRules rules(Integer last, Integer daily, Integer weekly, Integer monthly, String within) {
        return new RetentionRules(last, daily, weekly, monthly, within == null ? null : Period.parse(within));
    }

    private static List<Artifact> artifacts(String... times) {
        List<Artifact> list = new ArrayList<>(Stream.of(times).map(t -> new Artifact(t, Instant.parse(t))).toList());
        Collections.shuffle(list);  // the order given does not matter
        return list;
    }

    /** Every {@code step} from {@code first}, {@code count} times. */
    private static List<Artifact> every(Duration step, String first, int count) {
        List<Artifact> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant t = Instant.parse(first).plus(step.multipliedBy(i));
            list.add(new Artifact(t.toString(), t));
        }
        return list;
    }

    @Test
    void keepsNothingOfNothing() {
        assertThat(rules(3, null, null, null, null).keep(List.of(), UTC)).isEmpty();
    }

    @Test
    void keepLastKeepsTheNewestN() {
        var kept = rules(3, null, null, null, null).keep(artifacts(
                "2026-03-01T03:00:00Z", "2026-03-02T03:00:00Z", "2026-03-03T03:00:00Z",
                "2026-03-04T03:00:00Z", "2026-03-05T03:00:00Z"), UTC);

        assertThat(kept).containsExactlyInAnyOrder("2026-03-03T03:00:00Z", "2026-03-04T03:00:00Z", "2026-03-05T03:00:00Z");
    }

    @Test
    void theNewestIsAlwaysKeptHoweverOld() {
        var kept = rules(null, null, null, null, "P1D").keep(artifacts("2019-01-01T00:00:00Z"), UTC);

        assertThat(kept).containsExactly("2019-01-01T00:00:00Z");
    }

    @Test
    void keepDailyKeepsTheNewestOfEachOfTheLastDaysThatHaveOne() {
        // two a day, and no artifact at all on the 4th: a day without one does not use up a count
        var kept = rules(null, 3, null, null, null).keep(artifacts(
                "2026-03-01T03:00:00Z", "2026-03-01T15:00:00Z",
                "2026-03-02T03:00:00Z", "2026-03-02T15:00:00Z",
                "2026-03-03T03:00:00Z", "2026-03-03T15:00:00Z",
                "2026-03-05T03:00:00Z", "2026-03-05T15:00:00Z"), UTC);

        assertThat(kept).containsExactlyInAnyOrder("2026-03-05T15:00:00Z", "2026-03-03T15:00:00Z", "2026-03-02T15:00:00Z");
    }

    @Test
    void daysAreTheDaysOfThePolicysTimeZone() {
        // 23:30 UTC on the 10th is 00:30 on the 11th in Berlin, the same day as the newest
        List<Artifact> list = artifacts("2026-03-09T12:00:00Z", "2026-03-10T23:30:00Z", "2026-03-11T22:30:00Z");
        RetentionRules twoDays = rules(null, 2, null, null, null);

        assertThat(twoDays.keep(list, UTC)).containsExactlyInAnyOrder("2026-03-11T22:30:00Z", "2026-03-10T23:30:00Z");
        assertThat(twoDays.keep(list, BERLIN)).containsExactlyInAnyOrder("2026-03-11T22:30:00Z", "2026-03-09T12:00:00Z");
    }

    @Test
    void keepWeeklyCountsIsoWeeksAcrossTheNewYear() {
        // Thursday 31 December 2026 and Friday 1 January 2027 are both in ISO week 53 of 2026
        var kept = rules(null, null, 2, null, null).keep(artifacts(
                "2026-12-21T03:00:00Z", "2026-12-24T03:00:00Z", "2026-12-31T03:00:00Z", "2027-01-01T03:00:00Z"), UTC);

        assertThat(kept).containsExactlyInAnyOrder("2027-01-01T03:00:00Z", "2026-12-24T03:00:00Z");
    }

    @Test
    void keepMonthlyKeepsTheNewestOfEachOfTheLastMonths() {
        var kept = rules(null, null, null, 2, null).keep(artifacts(
                "2026-01-05T03:00:00Z", "2026-01-20T03:00:00Z", "2026-02-03T03:00:00Z", "2026-02-25T03:00:00Z",
                "2026-03-01T03:00:00Z"), UTC);

        assertThat(kept).containsExactlyInAnyOrder("2026-03-01T03:00:00Z", "2026-02-25T03:00:00Z");
    }

    @Test
    void monthsAreTheMonthsOfThePolicysTimeZone() {
        // 23:30 UTC on 31 January is already February in Berlin
        List<Artifact> list = artifacts("2026-01-15T12:00:00Z", "2026-01-31T23:30:00Z", "2026-02-10T12:00:00Z");
        RetentionRules twoMonths = rules(null, null, null, 2, null);

        assertThat(twoMonths.keep(list, UTC)).containsExactlyInAnyOrder("2026-02-10T12:00:00Z", "2026-01-31T23:30:00Z");
        assertThat(twoMonths.keep(list, BERLIN)).containsExactlyInAnyOrder("2026-02-10T12:00:00Z", "2026-01-15T12:00:00Z");
    }

    @Test
    void aCountedRuleWithCountsLeftAlsoKeepsTheOldest() {
        // seven days asked for, three days there: the newest of each day, and the very first artifact
        var kept = rules(null, 7, null, null, null).keep(artifacts(
                "2026-03-01T03:00:00Z", "2026-03-01T15:00:00Z",
                "2026-03-02T03:00:00Z", "2026-03-02T15:00:00Z",
                "2026-03-03T03:00:00Z", "2026-03-03T15:00:00Z"), UTC);

        assertThat(kept).containsExactlyInAnyOrder("2026-03-03T15:00:00Z", "2026-03-02T15:00:00Z",
                "2026-03-01T15:00:00Z", "2026-03-01T03:00:00Z");
    }

    @Test
    void keepWithinIsRelativeToTheNewestNotToNow() {
        // daily artifacts of a policy that stopped in 2025: the last 14 days of them stay, strictly
        // younger than 14 days before the newest (as restic: the one exactly 14 days older goes)
        List<Artifact> list = every(Duration.ofDays(1), "2025-05-01T03:00:00Z", 30);

        var kept = rules(null, null, null, null, "P14D").keep(list, UTC);

        assertThat(kept).hasSize(14).contains("2025-05-30T03:00:00Z", "2025-05-17T03:00:00Z")
                .doesNotContain("2025-05-16T03:00:00Z");
    }

    @Test
    void keepWithinCountsCalendarDaysOfTheZone() {
        // the spring-forward day in Berlin has 23 hours: one calendar day before 12:00 CEST on the
        // 29th is 12:00 CET on the 28th (11:00Z), not 24 hours earlier (10:00Z)
        List<Artifact> list = artifacts("2026-03-28T10:30:00Z", "2026-03-28T11:30:00Z", "2026-03-29T10:00:00Z");

        assertThat(rules(null, null, null, null, "P1D").keep(list, BERLIN))
                .containsExactlyInAnyOrder("2026-03-29T10:00:00Z", "2026-03-28T11:30:00Z");
        assertThat(rules(null, null, null, null, "P1D").keep(list, UTC))
                .containsExactlyInAnyOrder("2026-03-29T10:00:00Z", "2026-03-28T10:30:00Z", "2026-03-28T11:30:00Z");
    }

    @Test
    void rulesCombineAndAnArtifactIsKeptIfAnyRuleKeepsIt() {
        // every 6 hours for 30 days, from Monday 2 March 2026
        List<Artifact> list = every(Duration.ofHours(6), "2026-03-02T00:00:00Z", 4 * 30);
        RetentionRules combined = rules(2, 3, 2, null, "P1D");

        var kept = combined.keep(list, UTC);

        assertThat(kept).containsExactlyInAnyOrder(
                // keepWithin P1D: newer than 2026-03-30T18:00Z
                "2026-03-31T18:00:00Z", "2026-03-31T12:00:00Z", "2026-03-31T06:00:00Z", "2026-03-31T00:00:00Z",
                // keepLast 2 is inside that; keepDaily 3: the newest of the 31st, 30th and 29th;
                // keepWeekly 2: the newest of the week of Monday the 30th and of the week before (the 29th)
                "2026-03-30T18:00:00Z", "2026-03-29T18:00:00Z");
    }

    @Test
    void rejectsRulesThatKeepNothingNamingTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> rules(null, null, null, null, null))
                .withMessageContaining("at least one rule");
        assertThatIllegalArgumentException().isThrownBy(() -> rules(0, null, null, null, null))
                .withMessageContaining("retention.keepLast");
        assertThatIllegalArgumentException().isThrownBy(() -> rules(null, -1, null, null, null))
                .withMessageContaining("retention.keepDaily");
        assertThatIllegalArgumentException().isThrownBy(() -> rules(null, null, 0, null, null))
                .withMessageContaining("retention.keepWeekly");
        assertThatIllegalArgumentException().isThrownBy(() -> rules(null, null, null, 0, null))
                .withMessageContaining("retention.keepMonthly");
        assertThatIllegalArgumentException().isThrownBy(() -> rules(null, null, null, null, "P0D"))
                .withMessageContaining("retention.keepWithin");
        assertThatIllegalArgumentException().isThrownBy(() -> rules(null, null, null, null, "-P3D"))
                .withMessageContaining("retention.keepWithin");
    }

    @Test
    void withinDaysIsTheSimpleForm() {
        assertThat(RetentionRules.withinDays(14)).isEqualTo(rules(null, null, null, null, "P14D"));
    }
}
