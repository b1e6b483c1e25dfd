package io.mooring.backup.run;

import io.mooring.backup.policy.BackupPolicy;
import io.mooring.backup.policy.CronSchedule;
import io.mooring.backup.policy.TargetKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SlotsTest {

    private static BackupPolicy policy(String cron, String zone, Instant created) {
        BackupPolicy p = BackupPolicy.create(UUID.randomUUID(), "a-1", TargetKind.POSTGRES_DATABASE, "main",
                CronSchedule.parse(cron), 14, created);
        return new BackupPolicy(p.id(), p.accountId(), p.targetKind(), p.targetName(), p.schedule(), zone,
                p.retentionDays(), null, null, null, null, p.keepWithin(), p.destination(), p.zstdLevel(), List.of(),
                p.state(), null, created, created);
    }

    @Test
    void aPolicyHasNoSlotBeforeItsFirstScheduledTimeAfterCreation() {
        BackupPolicy daily = policy("0 3 * * *", "UTC", Instant.parse("2025-06-01T10:00:00Z"));

        assertThat(Slots.latest(daily, null, Instant.parse("2025-06-02T02:59:00Z"))).isEmpty();
        assertThat(Slots.latest(daily, null, Instant.parse("2025-06-02T03:00:00Z")))
                .contains(Instant.parse("2025-06-02T03:00:00Z"));
    }

    @Test
    void slotsMissedWhileDownCollapseIntoTheLatestOne() {
        BackupPolicy daily = policy("0 3 * * *", "UTC", Instant.parse("2025-06-01T10:00:00Z"));

        assertThat(Slots.latest(daily, Instant.parse("2025-06-02T03:00:00Z"), Instant.parse("2025-06-09T12:00:00Z")))
                .contains(Instant.parse("2025-06-09T03:00:00Z"));
    }

    @Test
    void theLastSlotStaysDueUntilTheNextOneComes() {
        BackupPolicy daily = policy("0 3 * * *", "UTC", Instant.parse("2025-06-01T10:00:00Z"));

        assertThat(Slots.latest(daily, Instant.parse("2025-06-02T03:00:00Z"), Instant.parse("2025-06-02T23:00:00Z")))
                .contains(Instant.parse("2025-06-02T03:00:00Z"));
    }

    @Test
    void slotsFollowThePolicysTimeZone() {
        BackupPolicy berlin = policy("0 3 * * *", "Europe/Berlin", Instant.parse("2025-06-01T10:00:00Z"));

        // 03:00 in Berlin in summer is 01:00 UTC
        assertThat(Slots.latest(berlin, null, Instant.parse("2025-06-02T02:00:00Z")))
                .contains(Instant.parse("2025-06-02T01:00:00Z"));
    }

    @Test
    void aPerMinuteScheduleAfterAMonthDownFindsTheLatestMinute() {
        BackupPolicy everyMinute = policy("* * * * *", "UTC", Instant.parse("2025-05-01T00:00:00Z"));

        assertThat(Slots.latest(everyMinute, Instant.parse("2025-05-01T00:01:00Z"), Instant.parse("2025-06-01T12:34:56Z")))
                .contains(Instant.parse("2025-06-01T12:34:00Z"));
    }

    @Test
    void aPolicyIsOverdueFromTheFirstSlotAfterItsLastSuccess() {
        BackupPolicy daily = policy("0 3 * * *", "UTC", Instant.parse("2025-06-01T10:00:00Z"));

        // succeeded for the slot of 2 June: the 3 June slot is to come, then waited for
        assertThat(Slots.overdue(daily, Instant.parse("2025-06-02T03:00:00Z"), Instant.parse("2025-06-03T02:00:00Z")))
                .isZero();
        assertThat(Slots.overdue(daily, Instant.parse("2025-06-02T03:00:00Z"), Instant.parse("2025-06-03T03:20:00Z")))
                .isEqualTo(java.time.Duration.ofMinutes(20));
        // the 3 and 4 June slots failed: still counted from the 3 June one
        assertThat(Slots.overdue(daily, Instant.parse("2025-06-02T03:00:00Z"), Instant.parse("2025-06-04T05:00:00Z")))
                .isEqualTo(java.time.Duration.ofHours(26));
    }

    @Test
    void aPolicyThatNeverSucceededIsOverdueFromItsFirstSlot() {
        BackupPolicy daily = policy("0 3 * * *", "UTC", Instant.parse("2025-06-01T10:00:00Z"));

        assertThat(Slots.overdue(daily, null, Instant.parse("2025-06-02T02:00:00Z"))).isZero();
        assertThat(Slots.overdue(daily, null, Instant.parse("2025-06-02T04:00:00Z")))
                .isEqualTo(java.time.Duration.ofHours(1));
    }
}
