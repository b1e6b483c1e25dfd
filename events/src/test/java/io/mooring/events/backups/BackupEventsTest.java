package io.mooring.events.backups;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupEventsTest {

    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void rejectsBlankIds() {
        assertThatThrownBy(() -> new BackupRunStarted("", "brun-1", "acct-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("policyId must not be blank");
        assertThatThrownBy(() -> new BackupVerified("bpol-1", " ", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("runId must not be blank");
    }

    @Test
    void rejectsAPolicyWithUnknownTargetOrBadSchedule() {
        assertThatThrownBy(() -> new BackupPolicyCreated("bpol-1", "acct-1", new BackupTarget("nfs-share", "media"),
                "0 3 * * *", 14))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("target.kind must be one of");
        assertThatThrownBy(() -> new BackupPolicyCreated("bpol-1", "acct-1", null, "0 3 * * *", 14))
                .isInstanceOf(NullPointerException.class).hasMessage("target must not be null");
        assertThatThrownBy(() -> new BackupPolicyCreated("bpol-1", "acct-1",
                new BackupTarget("postgres-database", "mastodon_production"), "@daily", 14))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("five-field cron expression");
    }

    @Test
    void rejectsAChecksumThatIsNotLowercaseSha256Hex() {
        assertThatThrownBy(() -> new BackupRunSucceeded("bpol-1", "brun-1", "acct-1", "a/b.dump", 10,
                SHA256.toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 lowercase hex digits");
        assertThat(new BackupRunSucceeded("bpol-1", "brun-1", "acct-1", "a/b.dump", 10, SHA256).subject())
                .isEqualTo("bpol-1");
    }
}
