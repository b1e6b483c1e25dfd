package io.mooring.search.statuses;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusCursorTest {

    @Test
    void survivesTheRoundTripWithAnIdHoldingTheSeparator() {
        StatusCursor cursor = new StatusCursor(SearchOrder.RELEVANCE, "9f3a", 1.25, 1_764_000_000_000L, "soc.example:12|3");

        assertThat(StatusCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void refusesWhatItDidNotMake() {
        for (String plain : new String[] {"", "v1|newest|9f3a|0|1|x", "s1|oldest|9f3a|0|1|x", "s1|newest|XYZ|0|1|x",
                "s1|newest|9f3a|NaN|1|x", "s1|newest|9f3a|0|soon|x", "s1|newest|9f3a|0|1|", "s1|newest|9f3a|0|1"}) {
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> StatusCursor.decode(encoded)).as(plain).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> StatusCursor.decode("*not base64*")).isInstanceOf(IllegalArgumentException.class);
    }
}
