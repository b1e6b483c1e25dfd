package io.mooring.monitor.schedule;

import io.mooring.runtime.Ids;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CheckSlotsTest {

    @Test
    void spreadsTenThousandMonitorsEvenlyOverTheirInterval() {
        int[] perSecond = new int[30];
        for (int i = 0; i < 10_000; i++) {
            perSecond[CheckSlots.offsetMillis(Ids.next(), 30) / 1000]++;
        }
        // 333 a second on average: no second holds a crowd, none is empty
        for (int count : perSecond) {
            assertThat(count).isBetween(250, 420);
        }
    }

    @Test
    void keepsAMonitorsPlaceAndStaysWithinTheInterval() {
        UUID id = UUID.randomUUID();
        assertThat(CheckSlots.offsetMillis(id, 60)).isEqualTo(CheckSlots.offsetMillis(id, 60)).isBetween(0, 59_999);
        assertThat(CheckSlots.offsetMillis(id, 10)).isBetween(0, 9_999);
    }

    @Test
    void theFirstSlotIsAtOrAfterTheGivenTimeAndWithinOneInterval() {
        Instant at = Instant.parse("2026-01-01T00:00:07.500Z");
        assertThat(CheckSlots.firstAtOrAfter(2_000, 10, at)).isEqualTo(Instant.parse("2026-01-01T00:00:12Z"));
        assertThat(CheckSlots.firstAtOrAfter(7_500, 10, at)).isEqualTo(at);
        assertThat(CheckSlots.firstAtOrAfter(9_000, 10, at)).isEqualTo(Instant.parse("2026-01-01T00:00:09Z"));
    }
}
