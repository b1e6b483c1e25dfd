package io.mooring.backup.run;

import io.mooring.backup.policy.TargetKind;
import io.mooring.runtime.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestoreTargetsTest {
    private static final Instant START = Instant.parse("2025-06-01T03:00:12Z");

    private static RunArtifact artifact(TargetKind kind, String name) {
        return new RunArtifact(0, kind, name, "k", "k.manifest.json", 1, 1, "a".repeat(64), "b".repeat(64), START, START);
    }

    @Test
    void aDatabaseIsRestoredIntoANewDatabaseNamedAfterTheRun() {
        String name = RestoreTargets.defaultName(artifact(TargetKind.POSTGRES_DATABASE, "mastodon_production"), "a-1", START);

        assertThat(name).isEqualTo("mastodon_production_restored_20250601030012");
        RestoreTargets.check(TargetKind.POSTGRES_DATABASE, name, "a-1");
    }

    @Test
    void longNamesAreCutToWhatPostgresAndS3Allow() {
        String database = RestoreTargets.defaultName(artifact(TargetKind.POSTGRES_DATABASE, "d".repeat(63)), "a-1", START);
        String bucket = RestoreTargets.defaultName(artifact(TargetKind.BUCKET, "b".repeat(63)), "a-1", START);

        assertThat(database).hasSizeLessThanOrEqualTo(63).matches(RestoreTargets.DATABASE);
        assertThat(bucket).hasSizeLessThanOrEqualTo(63).matches(RestoreTargets.BUCKET);
    }

    @Test
    void redisKeysGoBackIntoTheirAccountsPrefixOnly() {
        assertThat(RestoreTargets.defaultName(artifact(TargetKind.REDIS_NAMESPACE, "a-1"), "a-1", START)).isEqualTo("a-1");
        assertThatThrownBy(() -> RestoreTargets.check(TargetKind.REDIS_NAMESPACE, "a-2", "a-1"))
                .isInstanceOf(ProblemException.class).hasMessageStartingWith("targetName");
    }

    @Test
    void aDatabaseNameWithQuotesIsRefusedNamingTargetName() {
        assertThatThrownBy(() -> RestoreTargets.check(TargetKind.POSTGRES_DATABASE, "x\"; DROP", "a-1"))
                .isInstanceOf(ProblemException.class).hasMessageStartingWith("targetName");
    }
}
