package io.mooring.monitor.monitor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatTokenTest {

    @Test
    void generatesDistinctUrlSafeTokensOf256Bits() {
        HeartbeatToken first = HeartbeatToken.generate();
        HeartbeatToken second = HeartbeatToken.generate();
        assertThat(first.value()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(second.value());
    }

    @Test
    void storesOnlyTheSha256() {
        HeartbeatToken token = new HeartbeatToken("abc");
        assertThat(token.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(token.toString()).doesNotContain("abc");
    }
}
