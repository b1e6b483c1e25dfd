package io.mooring.provisioner.desiredstate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityTagTest {
    private final EntityTag tag = EntityTag.of("content");

    @Test
    void isTheSameForTheSameContentAndDiffersOtherwise() {
        assertThat(EntityTag.of("content")).isEqualTo(tag);
        assertThat(EntityTag.of("content ")).isNotEqualTo(tag);
        assertThat(tag.header()).isEqualTo("\"" + tag.opaque() + "\"").hasSize(66);
    }

    @Test
    void matchesItsOwnHeaderAnyTagInAListAndTheWildcard() {
        assertThat(tag.matches(tag.header())).isTrue();
        assertThat(tag.matches("\"other\", " + tag.header())).isTrue();
        assertThat(tag.matches("W/" + tag.header())).isTrue();
        assertThat(tag.matches("*")).isTrue();
        assertThat(tag.matches(tag.opaque())).isTrue();
    }

    @Test
    void doesNotMatchAnotherTagOrNoHeader() {
        assertThat(tag.matches(EntityTag.of("other").header())).isFalse();
        assertThat(tag.matches("\"" + tag.opaque().substring(1) + "\"")).isFalse();
        assertThat(tag.matches("")).isFalse();
        assertThat(tag.matches(null)).isFalse();
    }

    @Test
    void refusesSomethingThatIsNotADigest() {
        assertThatThrownBy(() -> new EntityTag("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
