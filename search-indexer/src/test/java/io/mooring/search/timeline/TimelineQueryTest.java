package io.mooring.search.timeline;

import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.http.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TimelineQueryTest {

    @Test
    void defaultsToTwentyNewestOfEverything() {
        var query = TimelineQuery.parse(null, "", " ", null, null, null, null, null, null);

        assertThat(query).isEqualTo(new TimelineQuery(null, null, null, null, null, null, null, 20, null));
    }

    @Test
    void readsEveryParameter() {
        var cursor = new TimelineCursor(5L, "id-5");

        var query = TimelineQuery.parse(" acme ready ", "mooring.provisioning.account.ready.v1", "acct-1",
                " acct-2 ", " provisioner ", "2025-01-01T00:00:00Z", "2025-01-02T00:00:00+01:00", "100", cursor.encode());

        assertThat(query).isEqualTo(new TimelineQuery("acme ready", "mooring.provisioning.account.ready.v1", "acct-1", "acct-2",
                "/mooring/provisioner", Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T23:00:00Z"), 100, cursor));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-3", "ten", "2.5"})
    void refusesSizesOutsideOneToAHundred(String size) {
        assertThat(fieldOf(() -> TimelineQuery.parse(null, null, null, null, null, null, null, size, null))).isEqualTo("size");
    }

    @Test
    void refusesTimesThatAreNotInstants() {
        assertThat(fieldOf(() -> TimelineQuery.parse(null, null, null, null, null, "yesterday", null, null, null))).isEqualTo("from");
        assertThat(fieldOf(() -> TimelineQuery.parse(null, null, null, null, null, null, "2025-01-01", null, null))).isEqualTo("to");
        assertThat(fieldOf(() -> TimelineQuery.parse(null, null, null, null, null, null, "+10000-01-01T00:00:00Z", null, null)))
                .isEqualTo("to");
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        assertThat(fieldOf(() -> TimelineQuery.parse(null, null, null, null, null, "2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z",
                null, null))).isEqualTo("from");
    }

    @Test
    void refusesACursorItDidNotHandOut() {
        assertThat(fieldOf(() -> TimelineQuery.parse(null, null, null, null, null, null, null, null, "bm9wZQ"))).isEqualTo("cursor");
    }

    @Test
    void refusesOverlongText() {
        assertThat(fieldOf(() -> TimelineQuery.parse("x".repeat(1_001), null, null, null, null, null, null, null, null))).isEqualTo("q");
    }

    private static String fieldOf(Runnable parse) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, parse::run);
        assertThat(problem).as("a problem").isNotNull();
        Problem body = problem.toProblem("/v1/events");
        assertThat(body.status()).isEqualTo(400);
        assertThat(body.errors()).hasSize(1);
        return body.errors().getFirst().field();
    }

    @Test
    void takesATypePrefixEndingInDotStar() {
        assertThat(TimelineQuery.parse(null, "mooring.backups.*", null, null, null, null, null, null, null).typeIsPrefix()).isTrue();
        assertThat(TimelineQuery.parse(null, "mooring.backups.run.failed.v1", null, null, null, null, null, null, null).typeIsPrefix())
                .isFalse();
        for (String type : new String[] {"*", ".*", "mooring*", "mooring.*.failed.v1", "mooring.**"}) {
            assertThat(fieldOf(() -> TimelineQuery.parse(null, type, null, null, null, null, null, null, null))).as(type).isEqualTo("type");
        }
    }
}
