package io.mooring.chatops.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostResultTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204})
    void countsEvery2xxAsDelivered(int status) {
        PostResult result = PostResult.ofStatus(status);
        assertThat(result.outcome()).isEqualTo(PostResult.Outcome.DELIVERED);
        assertThat(result.isFinal()).isTrue();
        assertThat(result.error()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 410, 413})
    void countsOtherAnswersAsRefusedForGood(int status) {
        PostResult result = PostResult.ofStatus(status);
        assertThat(result.outcome()).isEqualTo(PostResult.Outcome.REJECTED);
        assertThat(result.isFinal()).isTrue();
        assertThat(result.error()).isEqualTo("HTTP " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504})
    void countsServerErrorsAndRateLimitsAsUnavailable(int status) {
        PostResult result = PostResult.ofStatus(status);
        assertThat(result.outcome()).isEqualTo(PostResult.Outcome.UNAVAILABLE);
        assertThat(result.isFinal()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(status);
    }

    @Test
    void countsNoAnswerAsUnavailable() {
        PostResult result = PostResult.unreachable("ReadTimeoutException: Read Timeout");
        assertThat(result.outcome()).isEqualTo(PostResult.Outcome.UNAVAILABLE);
        assertThat(result.httpStatus()).isNull();
    }

    @Test
    void requiresAnErrorExactlyWhenNotDelivered() {
        assertThatThrownBy(() -> new PostResult(PostResult.Outcome.DELIVERED, 200, "oops"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostResult(PostResult.Outcome.REJECTED, 400, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsRetryAfterOf429And503AsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        PostResult seconds = PostResult.ofStatus(429, "2", now);
        assertThat(seconds.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(seconds.outcome()).isEqualTo(PostResult.Outcome.UNAVAILABLE);
        assertThat(seconds.error()).isEqualTo("HTTP 429 (Retry-After 2 s)");
        assertThat(PostResult.ofStatus(503, "Wed, 02 Dec 2026 12:01:30 GMT", now).retryAfter())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(PostResult.ofStatus(503, "Wed, 02 Dec 2026 11:00:00 GMT", now).retryAfter()).isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresRetryAfterThatIsUnreadableOrOnOtherStatuses() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        for (String garbage : new String[]{null, "", "soon", "-5", "1.5", "99999999999"}) {
            PostResult result = PostResult.ofStatus(429, garbage, now);
            assertThat(result.retryAfter()).as(garbage).isNull();
            assertThat(result.error()).isEqualTo("HTTP 429");
        }
        assertThat(PostResult.ofStatus(500, "2", now).retryAfter()).isNull();
        assertThat(PostResult.ofStatus(400, "2", now).retryAfter()).isNull();
        assertThat(PostResult.ofStatus(200, "2", now).retryAfter()).isNull();
        assertThatThrownBy(() -> new PostResult(PostResult.Outcome.REJECTED, 400, "HTTP 400", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
