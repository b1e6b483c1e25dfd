package io.mooring.runtime.paging;

import io.mooring.runtime.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CursorTest {

    @Test
    void roundTripsAnIdAsAnOpaqueUrlSafeToken() {
        UUID id = UUID.randomUUID();
        String cursor = Cursor.encode(id);

        assertThat(cursor).matches("[A-Za-z0-9_-]+").doesNotContain(id.toString());
        assertThat(Cursor.decode(cursor)).isEqualTo(id);
    }

    @Test
    void rejectsWhatItDidNotHandOutNamingTheCursor() {
        String otherVersion = Base64.getUrlEncoder().encodeToString(("v9:" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII));
        String notAnId = Base64.getUrlEncoder().encodeToString("v1:nope".getBytes(StandardCharsets.US_ASCII));
        for (String bad : List.of("%%%", otherVersion, notAnId, UUID.randomUUID().toString())) {
            ProblemException e = catchThrowableOfType(ProblemException.class, () -> Cursor.decode(bad));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.status().getCode()).isEqualTo(400);
            assertThat(e.toProblem("/").errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("cursor"));
        }
    }

    @Test
    void pageRequestsCheckTheLimit() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(PageRequest.DEFAULT_LIMIT, null));
        assertThat(PageRequest.of(10, null).fetchSize()).isEqualTo(11);
        for (int bad : new int[]{0, -1, PageRequest.MAX_LIMIT + 1}) {
            ProblemException e = catchThrowableOfType(ProblemException.class, () -> PageRequest.of(bad, null));
            assertThat(e.toProblem("/").errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("limit"));
        }
        UUID after = UUID.randomUUID();
        assertThat(PageRequest.of(5, Cursor.encode(after)).after()).isEqualTo(after);
    }

    @Test
    void aPageHasANextCursorOnlyWhenMoreRowsWereFound() {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        PageRequest two = new PageRequest(2, null);

        Page<UUID> first = Page.of(ids, two, Function.identity());
        assertThat(first.items()).containsExactly(ids.get(0), ids.get(1));
        assertThat(Cursor.decode(first.nextCursor())).isEqualTo(ids.get(1));

        Page<UUID> last = Page.of(ids.subList(0, 2), two, Function.identity());
        assertThat(last.items()).hasSize(2);
        assertThat(last.nextCursor()).isNull();
    }
}
