package io.mooring.monitor.heartbeat;

import io.mooring.runtime.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeartbeatScheduleTest {

    @Test
    void theNextRunIsReadOnTheWallClockOfItsTimeZone() {
        HeartbeatSchedule schedule = HeartbeatSchedule.parse("0  3 * * *", "Europe/Paris");
        assertThat(schedule.expression()).isEqualTo("0 3 * * *");
        assertThat(schedule.nextRunAfter(Instant.parse("2026-07-01T00:30:00Z"))).isEqualTo(Instant.parse("2026-07-01T01:00:00Z"));
        assertThat(schedule.nextRunAfter(Instant.parse("2026-07-01T01:00:00Z"))).isEqualTo(Instant.parse("2026-07-02T01:00:00Z"));
        assertThat(schedule.nextRunAfter(Instant.parse("2026-12-01T05:00:00Z"))).isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));
    }

    @Test
    void withoutATimeZoneItIsUtc() {
        HeartbeatSchedule schedule = HeartbeatSchedule.parse("30 1 * * sun", null);
        assertThat(schedule.timeZoneId()).isNull();
        assertThat(schedule.nextRunAfter(Instant.parse("2026-12-02T00:00:00Z"))).isEqualTo(Instant.parse("2026-12-06T01:30:00Z"));
    }

    @Test
    void noScheduleIsNull() {
        assertThat(HeartbeatSchedule.parse(null, null)).isNull();
        assertThatThrownBy(() -> HeartbeatSchedule.parse(null, "UTC")).isInstanceOf(ProblemException.class)
                .hasMessageStartingWith("timeZone");
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertThatThrownBy(() -> HeartbeatSchedule.parse("0 3 * *", null)).hasMessageStartingWith("schedule");
        assertThatThrownBy(() -> HeartbeatSchedule.parse("0 0 30 2 *", null)).hasMessageStartingWith("schedule");
        assertThatThrownBy(() -> HeartbeatSchedule.parse("0 3 * * *", "Nowhere/Land")).hasMessageStartingWith("timeZone");
    }
}
