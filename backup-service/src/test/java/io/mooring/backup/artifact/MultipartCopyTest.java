package io.mooring.backup.artifact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartCopyTest {
    private static final long MIB = 1024L * 1024;
    private static final long TIB = MIB * MIB;

    @Test
    void keepsThePartSizeWhileTenThousandPartsHoldTheObject() {
        assertThat(MultipartCopy.partSize(TIB, 512 * MIB)).isEqualTo(512 * MIB);
        assertThat(MultipartCopy.partSize(6 * 1024 * MIB, 5 * MIB)).isEqualTo(5 * MIB);
    }

    @Test
    void growsThePartSizeSoThatNoObjectNeedsMoreThanTenThousandParts() {
        long size = 5 * TIB + 1;
        long part = MultipartCopy.partSize(size, 5 * MIB);
        assertThat(part).isGreaterThan(5 * MIB);
        assertThat(part * MultipartCopy.MAX_PARTS).isGreaterThanOrEqualTo(size);
        assertThat(part * (MultipartCopy.MAX_PARTS - 1)).isLessThan(size);
    }
}
