package io.mooring.provisioner.resource.driver;

import io.mooring.runtime.Ids;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TenantNamesTest {
    private static final UUID ACCOUNT = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");

    @Test
    void embedsTheRandomTailOfTheAccountId() {
        assertThat(TenantNames.shortId(ACCOUNT)).isEqualTo("b302099a8057");
        assertThat(TenantNames.user(ACCOUNT, "main")).isEqualTo("acct_b302099a8057_main");
        assertThat(TenantNames.bucket(ACCOUNT, "media")).isEqualTo("acct-b302099a8057-media");
        assertThat(TenantNames.redisPrefix(ACCOUNT)).isEqualTo("acct:01890a5d-ac96-774b-bcce-b302099a8057:");
    }

    @Test
    void givesAccountsCreatedTogetherDifferentShortIds() {
        Set<String> shortIds = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            shortIds.add(TenantNames.shortId(Ids.next()));
        }
        assertThat(shortIds).hasSize(10_000);
    }

    @Test
    void keepsTheLongestNamesWithinServerLimits() {
        assertThat(TenantNames.user(ACCOUNT, "a".repeat(40))).hasSizeLessThanOrEqualTo(SqlIdentifiers.MAX_IDENTIFIER_BYTES);
        assertThat(TenantNames.bucket(ACCOUNT, "a".repeat(40))).hasSizeLessThanOrEqualTo(63);
    }
}
