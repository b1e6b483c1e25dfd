package io.mooring.events.content;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentEventsTest {

    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2025-06-01T18:30:05Z");

    @Test
    void rejectsBlankIds() {
        assertThatThrownBy(() -> new StatusDeleted(" ", "109876543210"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("statusId must not be blank");
        assertThatThrownBy(() -> new StatusCreated("1134", "", "tech", "hi", null, "public", null, null, CREATED, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("accountId must not be blank");
    }

    @Test
    void readsNullCollectionsAsEmptyAndCopiesTheOthers() {
        List<String> tags = new ArrayList<>(List.of("ops"));
        StatusUpdated status = new StatusUpdated("1134", "1098", "tech", "", null, "direct", null, tags, CREATED, null);
        tags.add("late");

        assertThat(status.mentions()).isEmpty();
        assertThat(status.tags()).containsExactly("ops");
        assertThatThrownBy(() -> status.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keysBothSnapshotsByStatus() {
        StatusSnapshot created = new StatusCreated("1134", "1098", "tech", "<p>hi</p>", "en", "public", List.of(),
                List.of(), CREATED, "https://soc.ialis.me/@tech/1134");

        assertThat(created.subject()).isEqualTo("1134");
        assertThat(Visibility.fromWire(created.visibility())).isEqualTo(Visibility.PUBLIC);
    }

    @Test
    void interactionsAreKeyedByTheirStatusAndNameAKnownKind() {
        assertThat(new InteractionAdded("1134", "1099", "bookmark", null, null).subject()).isEqualTo("1134");
        assertThatThrownBy(() -> new InteractionAdded("1134", "1099", "like", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> new InteractionRemoved("1134", " ", "boost", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("accountId must not be blank");
        assertThatThrownBy(() -> new InteractionRemoved("1134", "1099", "boost", "soc.ialis.me", -1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    }
}
