package io.mooring.provisioner.placement;

import io.mooring.runtime.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LabelsTest {

    @Test
    void sortsValidLabels() {
        assertThat(Labels.checked(Map.of("tier", "gold", "disk", "ssd"), "labels").keySet()).containsExactly("disk", "tier");
        assertThat(Labels.checked(null, "labels")).isEmpty();
    }

    @Test
    void namesTheBadLabel() {
        ProblemException badKey = catchThrowableOfType(ProblemException.class, () -> Labels.checked(Map.of("Tier", "gold"), "labels"));
        assertThat(badKey.toProblem("/").errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("labels"));
        assertThat(badKey.getMessage()).contains("Tier");

        ProblemException badValue = catchThrowableOfType(ProblemException.class, () -> Labels.checked(Map.of("tier", "gold star"), "labels"));
        assertThat(badValue.toProblem("/").errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("labels.tier"));
    }

    @Test
    void limitsHowMany() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= Labels.MAX; i++) {
            many.put("k" + i, "v");
        }
        assertThat(catchThrowableOfType(ProblemException.class, () -> Labels.checked(many, "labels")).getMessage())
                .contains("at most " + Labels.MAX);
    }

    @Test
    void parsesFilters() {
        assertThat(Labels.parseFilter("tier:gold", "label")).isEqualTo(Map.entry("tier", "gold"));
        assertThat(catchThrowableOfType(ProblemException.class, () -> Labels.parseFilter("tier", "label")).getMessage())
                .contains("key:value");
        assertThat(catchThrowableOfType(ProblemException.class, () -> Labels.parseFilter("tier:", "label"))).isNotNull();
    }

    @Test
    void matchesOnlyWhenEveryLabelIsCarried() {
        assertThat(Labels.matchAll(Map.of("tier", "gold", "disk", "ssd"), Map.of("tier", "gold"))).isTrue();
        assertThat(Labels.matchAll(Map.of("tier", "gold"), Map.of("tier", "gold", "disk", "ssd"))).isFalse();
        assertThat(Labels.matchAll(Map.of("tier", "silver"), Map.of("tier", "gold"))).isFalse();
        assertThat(Labels.format(Map.of("tier", "gold", "disk", "ssd"))).isEqualTo("disk=ssd,tier=gold");
    }
}
