package io.mooring.monitor.backup;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BackupPeriodTest {
    private static final Instant SPRING = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant AUTUMN = Instant.parse("2026-10-01T00:00:00Z");
    private static final int DAY = 86_400;
    private static final int GRACE = 7_200;

    @Test
    void aDailyScheduleWaitsADayAndTwoHours() {
        assertThat(BackupPeriod.of("0 3 * * *", null, SPRING)).isEqualTo(new BackupPeriod(DAY, GRACE));
    }

    @Test
    void aWeekdayScheduleWaitsOverTheWeekend() {
        assertThat(BackupPeriod.of("0 3 * * 1-5", "UTC", SPRING)).isEqualTo(new BackupPeriod(DAY, 2 * DAY + GRACE));
    }

    @Test
    void aWeeklyScheduleWaitsAWeek() {
        assertThat(BackupPeriod.of("30 1 * * sun", null, SPRING)).isEqualTo(new BackupPeriod(DAY, 6 * DAY + GRACE));
    }

    @Test
    void aFrequentScheduleWaitsItsIntervalAndTheRunsGrace() {
        assertThat(BackupPeriod.of("*/15 * * * *", null, SPRING)).isEqualTo(new BackupPeriod(900, GRACE));
    }

    @Test
    void theLongNightOfADaylightSavingChangeCounts() {
        assertThat(BackupPeriod.of("0 3 * * *", "Europe/Berlin", AUTUMN)).isEqualTo(new BackupPeriod(DAY, 3_600 + GRACE));
    }

    @Test
    void aScheduleThatCannotBeReadCountsAsDaily() {
        assertThat(BackupPeriod.of("99 3 * * *", null, SPRING)).isEqualTo(new BackupPeriod(DAY, GRACE));
        assertThat(BackupPeriod.of("0 3 * * *", "Mars/Olympus", SPRING)).isEqualTo(new BackupPeriod(DAY, GRACE));
    }
}
