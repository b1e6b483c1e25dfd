package io.mooring.search.timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimelineCursorTest {

    @Test
    void decodesWhatItEncodes() {
        var cursor = new TimelineCursor(1_748_772_930_123L, "0197297a-5c1e-7d4e-8f00-1234567890ab");

        assertThat(TimelineCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void isUrlSafeAndOpaque() {
        var encoded = new TimelineCursor(-1L, "a/b+c?d").encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+").doesNotContain("a/b+c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%", "", "djF8MTIz", "not a cursor"})
    void refusesWhatItDidNotEncode(String garbage) {
        assertThatThrownBy(() -> TimelineCursor.decode(garbage)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnotherVersionOrABadTime() {
        assertThatThrownBy(() -> TimelineCursor.decode(base64("v2|1|id"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimelineCursor.decode(base64("v1|soon|id"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimelineCursor.decode(base64("v1|1|"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
