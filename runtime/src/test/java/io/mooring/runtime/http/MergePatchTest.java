package io.mooring.runtime.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MergePatchTest {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    @Serdeable
    record Limits(@Nullable Integer burst, @Nullable String pause) {
    }

    @Serdeable
    record Thing(@Nullable String kind, @Nullable Map<String, String> secrets, @Nullable Limits limits) {
    }

    @Test
    void tellsAMemberSetToNullFromOneLeftOut() {
        MergePatch<Thing> patch = MergePatch.read(JSON, """
                {"kind": null, "secrets": {"token": "t", "url": null}, "limits": {"burst": 5}}""", Thing.class);

        assertThat(patch.members()).containsExactlyInAnyOrder("kind", "secrets", "secrets.token", "secrets.url",
                "limits", "limits.burst");
        assertThat(patch.has("limits.pause")).as("left out").isFalse();
        assertThat(patch.value().kind()).isNull();
        assertThat(patch.value().limits().burst()).isEqualTo(5);
    }

    @Test
    void namesTheMemberOfTheWrongType() {
        assertThatThrownBy(() -> MergePatch.read(JSON, "{\"kind\": \"a\", \"limits\": {\"pause\": \"1s\", \"burst\": \"many\"}}",
                Thing.class)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.getMessage()).startsWith("limits.burst: "));
        assertThatThrownBy(() -> MergePatch.read(JSON, "{\"kind\": {\"a\": 1}}", Thing.class))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage()).startsWith("kind: "));
        assertThatThrownBy(() -> MergePatch.read(JSON, "null", Thing.class))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage()).startsWith("body: "));
    }
}
