package io.mooring.chatops.queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliverySettingsTest {

    @Test
    void defaultsFollowSlacksGuidanceAndGiveUpAfterADay() {
        DeliverySettings settings = new DeliverySettings();
        assertThat(settings.getRatePerSecond()).isEqualTo(1);
        assertThat(settings.getBurst()).isEqualTo(3);
        assertThat(settings.getGroupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.getGiveUpAfter()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void badValuesNameTheSetting() {
        DeliverySettings settings = new DeliverySettings();
        assertThatThrownBy(() -> settings.setRatePerSecond(0)).hasMessageContaining("rate-per-second");
        assertThatThrownBy(() -> settings.setRatePerSecond(Double.NaN)).hasMessageContaining("rate-per-second");
        assertThatThrownBy(() -> settings.setBurst(0)).hasMessageContaining("burst");
        assertThatThrownBy(() -> settings.setGroupWait(Duration.ofSeconds(-1))).hasMessageContaining("group-wait");
        assertThatThrownBy(() -> settings.setGiveUpAfter(Duration.ZERO)).hasMessageContaining("give-up-after");
        assertThatThrownBy(() -> settings.setLeaseTtl(Duration.ZERO)).hasMessageContaining("lease-ttl");
        settings.setGroupWait(Duration.ZERO);
        assertThat(settings.getGroupWait()).as("zero turns grouping off").isZero();
    }
}
