package io.mooring.backup.policy;

import io.mooring.events.provisioning.ResourceReady;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProvisionedPoliciesTest {
    private final ProvisionedPolicies defaults = new ProvisionedPolicies("0 3 * * *", "0 3 * * *", "0 */4 * * *", 14,
            Duration.ofDays(30));

    @Test
    void namesTheDatabaseAndTheBucketAsOnTheServerAndRedisByTheAccount() {
        assertThat(defaults.resourceOf(new ResourceReady("a-1", "r-1", "postgres-database", "main",
                "postgres://acct_0193_main@db-2.par1.example.net:5432/acct_0193_main?sslmode=verify-full")))
                .contains(new AccountResource(TargetKind.POSTGRES_DATABASE, "acct_0193_main"));
        assertThat(defaults.resourceOf(new ResourceReady("a-1", "r-2", "bucket", "media",
                "https://s3.par1.example.net/acct-0193-media/")))
                .contains(new AccountResource(TargetKind.BUCKET, "acct-0193-media"));
        assertThat(defaults.resourceOf(new ResourceReady("a-1", "r-3", "redis-namespace", "cache",
                "rediss://acct_0193_cache@redis-1.par1.example.net:6380")))
                .contains(new AccountResource(TargetKind.REDIS_NAMESPACE, "a-1"));
        assertThat(defaults.resourceOf(new ResourceReady("a-1", "r-4", "site", "www", "https://www.example.org")))
                .isEmpty();
    }

    @Test
    void fallsBackToTheResourceNameWhenTheEndpointHasNoPath() {
        assertThat(ProvisionedPolicies.serverName(new ResourceReady("a-1", "r-1", "bucket", "media",
                "https://s3.par1.example.net"))).isEqualTo("media");
    }

    @Test
    void backsUpDatabasesAndRedisDailyAndMirrorsBucketsEveryFourHoursForTwoWeeks() {
        assertThat(defaults.settingsFor(new AccountResource(TargetKind.POSTGRES_DATABASE, "db")).schedule().expression())
                .isEqualTo("0 3 * * *");
        assertThat(defaults.settingsFor(new AccountResource(TargetKind.BUCKET, "b")).schedule().expression())
                .isEqualTo("0 */4 * * *");
        PolicySettings redis = defaults.settingsFor(new AccountResource(TargetKind.REDIS_NAMESPACE, "a-1"));
        assertThat(redis.retention()).isEqualTo(RetentionRules.withinDays(14));
        assertThat(redis.zone()).isEqualTo(PolicySettings.UTC);
        assertThat(redis.retentionDays()).isEqualTo(14);
    }

    @Test
    void refusesASettingThatCouldNeverRun() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProvisionedPolicies("0 0 30 2 *", "0 3 * * *",
                        "0 */4 * * *", 14, Duration.ofDays(30)))
                .withMessageContaining("mooring.backup.provisioned.database-schedule");
    }

    @Test
    void announcesRetentionDaysForRulesWithoutKeepWithin() {
        PolicySettings weekly = new PolicySettings(CronSchedule.parse("0 3 * * *"), PolicySettings.UTC,
                new RetentionRules(null, 7, 4, null, null), "default", 3, java.util.List.of());
        PolicySettings lastOnly = new PolicySettings(CronSchedule.parse("0 3 * * *"), PolicySettings.UTC,
                new RetentionRules(5, null, null, null, null), "default", 3, java.util.List.of());

        assertThat(weekly.retentionDays()).isEqualTo(28);
        assertThat(lastOnly.retentionDays()).isEqualTo(1);
    }
}
