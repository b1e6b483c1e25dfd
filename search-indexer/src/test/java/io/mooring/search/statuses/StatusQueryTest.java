package io.mooring.search.statuses;

import io.mooring.runtime.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusQueryTest {

    @Test
    void readsWordsPhrasesAndOperators() {
        StatusQuery query = StatusQuery.parse(" servers \"back up\" #Ops @Tech@Soc.Example from:@Admin from:me "
                + "after:2026-11-30 before:2026-12-01T12:00:00Z https://x.example/a ");

        assertThat(query.words()).containsExactly("servers", "https://x.example/a");
        assertThat(query.phrases()).containsExactly("back up");
        assertThat(query.tags()).containsExactly("ops");
        assertThat(query.mentions()).containsExactly("tech@soc.example");
        assertThat(query.authors()).containsExactly("admin");
        assertThat(query.fromMe()).isTrue();
        assertThat(query.after()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(query.before()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
        assertThat(query.hasText()).isTrue();
        assertThat(StatusQuery.parse("#ops").hasText()).isFalse();
    }

    @Test
    void refusesMalformedQueriesNamingQ() {
        for (String q : new String[] {null, " ", "\"open", "\"\"", "#", "#no-dash", "@", "@a@b@c", "from:",
                "before:tomorrow", "after:2026-02-30", "before:0000-01-01", "after:2026-12-01 before:2026-11-01",
                "before:2026-01-01 before:2026-02-01", "x".repeat(501), "w ".repeat(33)}) {
            assertThatThrownBy(() -> StatusQuery.parse(q)).as(q).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.toProblem("/").errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("q")));
        }
    }
}
