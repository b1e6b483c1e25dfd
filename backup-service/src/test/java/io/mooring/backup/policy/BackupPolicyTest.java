package io.mooring.backup.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackupPolicyTest {
    private static final UUID ID = UUID.fromString("0193a3f0-0000-7000-8000-000000000001");
    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");

    private static BackupPolicy policy(String kind, String schedule, int retentionDays) {
        return new BackupPolicy(ID, "acct-1", kind, "mastodon", schedule, "UTC", retentionDays, null, null, null, null,
                "P" + retentionDays + "D", BackupPolicy.DEFAULT_DESTINATION, 3, List.of(), BackupPolicy.State.ACTIVE, null,
                NOW, NOW);
    }

    @Test
    void createsAnActivePolicyWithANormalisedSchedule() {
        BackupPolicy policy = BackupPolicy.create(ID, "acct-1", TargetKind.POSTGRES_DATABASE, "mastodon_production",
                CronSchedule.parse("0  3 * * *"), 14, NOW);

        assertThat(policy.targetKind()).isEqualTo("postgres-database");
        assertThat(policy.schedule()).isEqualTo("0 3 * * *");
        assertThat(policy.state()).isEqualTo(BackupPolicy.State.ACTIVE);
        assertThat(policy.createdAt()).isEqualTo(NOW).isEqualTo(policy.updatedAt());
    }

    @Test
    void rejectsRetentionBelowOneDay() {
        assertThatIllegalArgumentException().isThrownBy(() -> policy("bucket", "0 3 * * *", 0))
                .withMessageContaining("retentionDays");
    }

    @Test
    void rejectsUnknownTargetKinds() {
        assertThatIllegalArgumentException().isThrownBy(() -> policy("site", "0 3 * * *", 7))
                .withMessageContaining("targetKind");
    }

    @Test
    void rejectsSchedulesThatAreNotCron() {
        assertThatIllegalArgumentException().isThrownBy(() -> policy("bucket", "every night", 7))
                .withMessageStartingWith("schedule: ");
    }
}
