package io.mooring.search.statuses;

import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.content.StatusCreated;
import io.mooring.events.content.StatusDeleted;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorUpdateTest {
    private static final EventCodec CODEC = new EventCodec();

    /** The author's document as the update script and upsert leave it (the script's logic, in Java). */
    private record Author(boolean indexable, boolean seenIndexable, long time) {
        static Author apply(Optional<Author> document, AuthorUpdate update) {
            if (document.isEmpty()) {
                return new Author(update.indexable(), update.seenIndexable(), update.time());
            }
            Author a = document.get();
            boolean seen = a.seenIndexable || update.seenIndexable();
            return update.time() >= a.time ? new Author(update.indexable(), seen, update.time()) : new Author(a.indexable, seen, a.time);
        }
    }

    @Test
    void takesTheFlagOfTheNewestEventWhateverTheOrder() {
        AuthorUpdate optOut = update(false, 20);
        AuthorUpdate optIn = update(true, 10);

        assertThat(optOut.then(optIn)).isEqualTo(new AuthorUpdate("s", "1", false, true, 20));
        assertThat(optIn.then(optOut)).isEqualTo(new AuthorUpdate("s", "1", false, true, 20));
    }

    @Test
    void takesTheLaterFlagOnATieAsTheScriptDoes() {
        assertThat(update(true, 10).then(update(false, 10))).isEqualTo(new AuthorUpdate("s", "1", false, true, 10));
        assertThat(update(false, 10).then(update(true, 10))).isEqualTo(new AuthorUpdate("s", "1", true, true, 10));
    }

    @Test
    void neverSeenWhenNoEventSaidTrue() {
        assertThat(update(false, 3).then(update(false, 1))).isEqualTo(new AuthorUpdate("s", "1", false, false, 3));
    }

    @Test
    void mergedLeavesTheDocumentAsUpdatesOneByOne() {
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            // times from a small range, so ties are common; a document absent, or left by an earlier batch
            Optional<Author> before = random.nextBoolean() ? Optional.empty()
                    : Optional.of(new Author(random.nextBoolean(), random.nextBoolean(), random.nextInt(6)));
            if (before.isPresent() && before.get().indexable && !before.get().seenIndexable) {
                before = Optional.of(new Author(true, true, before.get().time));
            }
            List<AuthorUpdate> updates = new ArrayList<>();
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                updates.add(update(random.nextBoolean(), random.nextInt(6)));
            }
            Optional<Author> oneByOne = before;
            for (AuthorUpdate update : updates) {
                oneByOne = Optional.of(Author.apply(oneByOne, update));
            }
            AuthorUpdate merged = updates.stream().reduce(AuthorUpdate::then).orElseThrow();

            assertThat(Author.apply(before, merged)).as("%s then %s", before, updates).isEqualTo(oneByOne.orElseThrow());
        }
    }

    @Test
    void refusesToMergeUpdatesOfDifferentAuthors() {
        assertThatThrownBy(() -> update(true, 1).then(new AuthorUpdate("s", "2", true, true, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> update(true, 1).then(new AuthorUpdate("t", "1", true, true, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsAStatusEventsAuthorFlagAndTime() {
        Instant now = Instant.parse("2026-12-01T10:15:30.123Z");
        OffsetDateTime created = OffsetDateTime.parse("2026-11-30T18:30:05Z");

        assertThat(AuthorUpdate.of(received(new StatusCreated("1", "9", "tech", "hi", "en", "public", List.of(), List.of(),
                created, null, "soc.ialis.me", 4L, true, null, null, null), now)))
                .contains(new AuthorUpdate("soc.ialis.me", "9", true, true, now.toEpochMilli()));
        assertThat(AuthorUpdate.of(received(new StatusCreated("1", "9", "tech", "hi", "en", "public", List.of(), List.of(),
                created, null), now)))
                .contains(new AuthorUpdate("/mooring/mastodon-bridge", "9", false, false, now.toEpochMilli()));
        assertThat(AuthorUpdate.of(received(new StatusDeleted("1", "9", "soc.ialis.me", 12L), now))).isEmpty();
    }

    private static AuthorUpdate update(boolean indexable, long time) {
        return new AuthorUpdate("s", "1", indexable, indexable, time);
    }

    private static ReceivedEvent received(MooringEvent data, Instant now) {
        return CODEC.decode(CODEC.toCloudEvent(EventEnvelope.of("mastodon-bridge", data, Clock.fixed(now, ZoneOffset.UTC))));
    }
}
