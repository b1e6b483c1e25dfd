package io.mooring.monitor.chatops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorCommandsTest {

    @Test
    void readsMinutesHoursAndDays() {
        assertThat(MonitorCommands.duration("30m")).contains(Duration.ofMinutes(30));
        assertThat(MonitorCommands.duration("2h")).contains(Duration.ofHours(2));
        assertThat(MonitorCommands.duration("1d")).contains(Duration.ofDays(1));
        assertThat(MonitorCommands.duration("30d")).contains(Duration.ofDays(30));
        assertThat(MonitorCommands.duration(null)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "0m", "31d", "721h", "2 h", "-1h", "1w", "1.5h", "9999999m"})
    void refusesWhatIsNoPauseOfAMonthAtMost(String text) {
        assertThatThrownBy(() -> MonitorCommands.duration(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration must be").hasMessageContaining("'" + text + "'");
    }
}
