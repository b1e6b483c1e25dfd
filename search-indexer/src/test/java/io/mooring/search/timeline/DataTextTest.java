package io.mooring.search.timeline;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataTextTest {

    @Test
    void keepsAnObjectBodyAndJoinsItsValues() {
        var body = DataText.of(bytes("{\"name\":\"acme\",\"limits\":{\"cpu\":2,\"ssd\":true},\"tags\":[\"eu\",null],\"gone\":null}"));

        assertThat(body.data()).containsEntry("name", "acme").containsEntry("limits", Map.of("cpu", 2, "ssd", true));
        assertThat(body.text()).isEqualTo("acme 2 true eu");
    }

    @Test
    void wrapsABodyThatIsNotAnObject() {
        var body = DataText.of(bytes("[\"a\",\"b\"]"));

        assertThat(body.data()).isEqualTo(Map.of("value", List.of("a", "b")));
        assertThat(body.text()).isEqualTo("a b");
    }

    @Test
    void keepsABodyThatIsNotJsonAsText() {
        var body = DataText.of(bytes("{\"half\": "));

        assertThat(body.data()).isNull();
        assertThat(body.text()).isEqualTo("{\"half\": ");
        assertThat(DataText.of(bytes("{} trailing")).data()).isNull();
    }

    @Test
    void hasNothingForAnEmptyOrNullBody() {
        assertThat(DataText.of(new byte[0])).isEqualTo(new DataText(null, ""));
        assertThat(DataText.of(bytes("null"))).isEqualTo(new DataText(null, ""));
    }

    @Test
    void capsTheText() {
        var body = DataText.of(bytes("{\"a\":\"" + "y".repeat(40_000) + "\",\"b\":\"z\"}"));

        assertThat(body.text()).hasSize(DataText.MAX_TEXT);
        assertThat(body.data().get("b")).isEqualTo("z");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
