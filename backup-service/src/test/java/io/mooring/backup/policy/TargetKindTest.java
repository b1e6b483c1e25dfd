package io.mooring.backup.policy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TargetKindTest {

    @Test
    void validationPatternListsExactlyTheWireNames() {
        assertThat(TargetKind.PATTERN.split("\\|"))
                .containsExactlyInAnyOrder(Arrays.stream(TargetKind.values()).map(TargetKind::wireName).toArray(String[]::new));
    }

    @Test
    void readsWireNames() {
        assertThat(TargetKind.fromWire("postgres-database")).isEqualTo(TargetKind.POSTGRES_DATABASE);
        assertThat(TargetKind.fromWire("account")).isEqualTo(TargetKind.ACCOUNT);
    }

    @Test
    void rejectsUnknownKindsNamingTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> TargetKind.fromWire("POSTGRES_DATABASE"))
                .withMessageStartingWith("targetKind must be one of");
    }
}
