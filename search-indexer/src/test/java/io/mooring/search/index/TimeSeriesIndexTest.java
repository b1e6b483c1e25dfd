package io.mooring.search.index;

import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

import java.time.Instant;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeSeriesIndexTest {
    private static final TimeSeriesIndex EVENTS = new TimeSeriesIndex("ops-events", TypeMapping.of(m -> m));

    @Test
    void namesTheIndexOfAMonthInUtc() {
        assertThat(EVENTS.indexFor(Instant.parse("2026-11-30T23:59:59Z"))).isEqualTo("ops-events-2026.11");
        assertThat(EVENTS.indexFor(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo("ops-events-2026.12");
        assertThat(EVENTS.pattern()).isEqualTo("ops-events-*");
    }

    @Test
    void readsTheMonthOfItsOwnIndicesOnly() {
        assertThat(EVENTS.monthOf("ops-events-2025.03")).contains(YearMonth.of(2025, 3));
        assertThat(EVENTS.monthOf("ops-events-v1")).isEmpty();
        assertThat(EVENTS.monthOf("ops-events-2025.13")).isEmpty();
        assertThat(EVENTS.monthOf("other-2025.03")).isEmpty();
    }

    @Test
    void refusesAnAliasThatIsNoIndexName() {
        assertThatThrownBy(() -> new TimeSeriesIndex("Ops Events", TypeMapping.of(m -> m)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
