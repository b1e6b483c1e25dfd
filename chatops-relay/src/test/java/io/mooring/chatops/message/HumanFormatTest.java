package io.mooring.chatops.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HumanFormatTest {

    @Test
    void showsSmallSizesExactlyAndLargeOnesInBinaryUnits() {
        assertThat(HumanFormat.bytes(0)).isEqualTo("0 B");
        assertThat(HumanFormat.bytes(1023)).isEqualTo("1023 B");
        assertThat(HumanFormat.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(HumanFormat.bytes(5L * 1024 * 1024 * 1024 + 512L * 1024 * 1024)).isEqualTo("5.5 GiB");
        assertThat(HumanFormat.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }

    @Test
    void showsDurationsWithoutZeroParts() {
        assertThat(HumanFormat.duration(0)).isEqualTo("0s");
        assertThat(HumanFormat.duration(42)).isEqualTo("42s");
        assertThat(HumanFormat.duration(3_600)).isEqualTo("1h");
        assertThat(HumanFormat.duration(90_061)).isEqualTo("1d 1h 1m 1s");
    }
}
